using System.Globalization;
using System.Security.Cryptography;

namespace Kata.Cli.Infrastructure;

/// <summary>
/// Downloads the MNIST files into a folder: each from the first mirror that serves it with the
/// published size and SHA-256. A download goes to a temporary file in the same folder and is renamed
/// to the final name only once its digest matches, so the folder never holds a partial or wrong file
/// under the final name. Mirrors may be http(s):// or file:// URLs ending in a folder.
/// </summary>
public sealed class MnistDownloader(HttpClient http)
{
    /// <summary>Public copies of the four original files, tried in this order.</summary>
    public static IReadOnlyList<string> DefaultMirrors { get; } =
    [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ];

    /// <summary>
    /// Makes sure <paramref name="file"/> is in <paramref name="directory"/>: keeps it when it is there
    /// and correct, otherwise tries each mirror in turn.
    /// </summary>
    public async Task<FetchOutcome> FetchAsync(string directory, MnistFile file, IReadOnlyList<string> mirrors, CancellationToken cancel = default)
    {
        string? replaced = null;
        if (MnistData.Find(directory, file) is { } existing)
        {
            if (MnistData.Check(existing, file) is not { } problem)
            {
                return new FetchOutcome(file, FetchStatus.AlreadyThere, null, [], null);
            }

            replaced = problem;
        }

        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, file.Name);
        var failures = new List<string>();
        foreach (string mirror in mirrors)
        {
            string url = mirror.EndsWith('/') ? mirror + file.Name : mirror + "/" + file.Name;
            string temp = Path.Combine(directory, $"{file.Name}.{Guid.NewGuid():N}.part");
            try
            {
                string digest = await DownloadAsync(url, temp, file.Bytes, cancel).ConfigureAwait(false);
                long bytes = new FileInfo(temp).Length;
                if (bytes != file.Bytes)
                {
                    failures.Add(Invariant($"{url}: got {bytes:N0} bytes, but the published file has {file.Bytes:N0}"));
                    continue;
                }

                if (digest != file.Sha256)
                {
                    failures.Add($"{url}: SHA-256 {digest[..16]}… is not the published {file.Sha256[..16]}…");
                    continue;
                }

                // The only write under the final name: a rename of a complete, verified file.
                File.Move(temp, target, overwrite: true);
                return new FetchOutcome(file, FetchStatus.Downloaded, url, failures, replaced);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException or NotSupportedException)
            {
                failures.Add($"{url}: {Describe(error)}");
            }
            finally
            {
                File.Delete(temp);
            }
        }

        return new FetchOutcome(file, FetchStatus.Failed, null, failures, replaced);
    }

    // Copies the URL's content into `path`, hashing as it goes; stops early when it grows past twice
    // the expected size (a wrong URL that serves a large page). Returns the SHA-256 as lowercase hex.
    private async Task<string> DownloadAsync(string url, string path, long expectedBytes, CancellationToken cancel)
    {
        var uri = new Uri(url);
        Stream source;
        HttpResponseMessage? response = null;
        if (uri.IsFile)
        {
            source = File.OpenRead(uri.LocalPath);
        }
        else if (uri.Scheme is "http" or "https")
        {
            response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                int code = (int)response.StatusCode;
                response.Dispose();
                throw new HttpRequestException(Invariant($"HTTP {code} {response.ReasonPhrase}"));
            }

            source = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        }
        else
        {
            throw new NotSupportedException($"{uri.Scheme}:// is not supported; give an http(s):// or file:// mirror");
        }

        using (response)
        await using (source.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (output.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > 2 * expectedBytes)
                    {
                        throw new IOException(Invariant($"it sent more than {2 * expectedBytes:N0} bytes, far more than the published file"));
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
                }
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    private static string Describe(Exception error) => error switch
    {
        TaskCanceledException => "timed out",
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        _ => error.Message.TrimEnd('.'),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
