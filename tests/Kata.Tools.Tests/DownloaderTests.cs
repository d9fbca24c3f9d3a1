using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Kata.Cli.Commands;
using Kata.Cli.Infrastructure;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// `kata data`'s downloader against local mirrors (file:// folders and a loopback HTTP server): the
/// first mirror with the published digest wins, and nothing but a verified file ever appears under
/// the final name.
/// </summary>
public sealed class DownloaderTests
{
    private static readonly byte[] Good = [.. Enumerable.Range(0, 5000).Select(i => (byte)((i * 37) + (i / 7)))];
    private static readonly MnistFile Fake = new("fake-idx1-ubyte.gz", Good.Length, Convert.ToHexStringLower(SHA256.HashData(Good)), 1, "unused");

    private string _root = string.Empty;
    private string _target = string.Empty;

    [SetUp]
    public void CreateMirrors()
    {
        _root = Directory.CreateTempSubdirectory("kata-download-").FullName;
        _target = Path.Combine(_root, "target");
        Mirror("missing", null);
        Mirror("short", Good[..3000]);
        byte[] altered = [.. Good];
        altered[1234] ^= 0xFF;
        Mirror("altered", altered);
        Mirror("good", Good);
    }

    [TearDown]
    public void DeleteMirrors() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task The_file_comes_from_the_first_mirror_that_has_the_published_digest()
    {
        using var http = new HttpClient();

        FetchOutcome outcome = await new MnistDownloader(http).FetchAsync(_target, Fake, [Url("missing"), Url("short"), Url("altered"), Url("good")]);

        outcome.Status.ShouldBe(FetchStatus.Downloaded);
        outcome.Mirror.ShouldBe(Url("good") + Fake.Name);
        outcome.FailedAttempts.Count.ShouldBe(3);
        outcome.FailedAttempts[0].ShouldContain("no such file");
        outcome.FailedAttempts[1].ShouldContain("3,000 bytes");
        outcome.FailedAttempts[2].ShouldContain("SHA-256");
        File.ReadAllBytes(Path.Combine(_target, Fake.Name)).ShouldBe(Good);
        Directory.GetFiles(_target).ShouldBe([Path.Combine(_target, Fake.Name)], "no temporary file is left behind");
    }

    [Test]
    public async Task Nothing_is_written_under_the_final_name_when_no_mirror_has_the_right_file()
    {
        using var http = new HttpClient();

        FetchOutcome outcome = await new MnistDownloader(http).FetchAsync(_target, Fake, [Url("short"), Url("altered")]);

        outcome.Status.ShouldBe(FetchStatus.Failed);
        outcome.FailedAttempts.Count.ShouldBe(2);
        Directory.GetFiles(_target).ShouldBeEmpty("neither the file nor a temporary part of it may stay");
    }

    [Test]
    public async Task A_correct_file_is_kept_without_asking_any_mirror()
    {
        Directory.CreateDirectory(_target);
        File.WriteAllBytes(Path.Combine(_target, Fake.Name), Good);
        using var http = new HttpClient();

        FetchOutcome outcome = await new MnistDownloader(http).FetchAsync(_target, Fake, []);

        outcome.Status.ShouldBe(FetchStatus.AlreadyThere);
    }

    [Test]
    public async Task A_damaged_file_is_replaced_only_by_a_verified_one()
    {
        Directory.CreateDirectory(_target);
        string path = Path.Combine(_target, Fake.Name);
        byte[] damaged = Good[..4000];
        File.WriteAllBytes(path, damaged);
        using var http = new HttpClient();
        var downloader = new MnistDownloader(http);

        FetchOutcome failed = await downloader.FetchAsync(_target, Fake, [Url("altered")]);
        failed.Status.ShouldBe(FetchStatus.Failed);
        File.ReadAllBytes(path).ShouldBe(damaged, "a failed download must not touch the file under the final name");

        FetchOutcome replaced = await downloader.FetchAsync(_target, Fake, [Url("good")]);
        replaced.Status.ShouldBe(FetchStatus.Downloaded);
        replaced.Replaced.ShouldNotBeNull().ShouldContain("truncated");
        File.ReadAllBytes(path).ShouldBe(Good);
    }

    [Test]
    public async Task Over_HTTP_a_missing_file_is_reported_and_the_next_mirror_serves_it()
    {
        using var server = new LoopbackServer(request => request == "/good/" + Fake.Name ? Good : null);
        using var http = new HttpClient();

        FetchOutcome outcome = await new MnistDownloader(http).FetchAsync(_target, Fake, [server.Url + "missing/", server.Url + "good/"]);

        outcome.Status.ShouldBe(FetchStatus.Downloaded);
        outcome.FailedAttempts.ShouldHaveSingleItem().ShouldContain("404");
        File.ReadAllBytes(Path.Combine(_target, Fake.Name)).ShouldBe(Good);
    }

    [Test]
    public async Task A_mirror_that_sends_far_more_than_the_published_size_is_cut_off()
    {
        using var server = new LoopbackServer(_ => new byte[Good.Length * 3]);
        using var http = new HttpClient();

        FetchOutcome outcome = await new MnistDownloader(http).FetchAsync(_target, Fake, [server.Url]);

        outcome.Status.ShouldBe(FetchStatus.Failed);
        outcome.FailedAttempts.ShouldHaveSingleItem().ShouldContain("more than");
        Directory.GetFiles(_target).ShouldBeEmpty();
    }

    [Test]
    public async Task Kata_data_fills_a_folder_from_a_local_copy_and_then_finds_it_complete()
    {
        MnistPaths real = MnistDataTests.LocateRealData();
        var output = new StringWriter();

        int fetched = await DataCommand.RunAsync(_target, [new Uri(real.Directory + "/").AbsoluteUri], checkOnly: false, output);
        int checkedAgain = await DataCommand.RunAsync(_target, null, checkOnly: true, output);

        fetched.ShouldBe(0, output.ToString());
        checkedAgain.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("MNIST is ready");
        Directory.GetFiles(_target).Length.ShouldBe(4, "the four files and nothing else");
    }

    private string Url(string mirror) => new Uri(Path.Combine(_root, mirror) + "/").AbsoluteUri;

    private void Mirror(string name, byte[]? content)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        if (content is not null)
        {
            File.WriteAllBytes(Path.Combine(dir, Fake.Name), content);
        }
    }

    /// <summary>A tiny HTTP server on 127.0.0.1: the handler gives a path's bytes, or null for 404.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public LoopbackServer(Func<string, byte[]?> handler)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync().ConfigureAwait(false);
                    }
                    catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }

                    byte[]? body = handler(context.Request.Url!.AbsolutePath);
                    context.Response.StatusCode = body is null ? 404 : 200;
                    if (body is not null)
                    {
                        context.Response.ContentLength64 = body.Length;
                        await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                    }

                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
