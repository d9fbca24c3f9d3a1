using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Kata.Cli.Learner.Warm;

/// <summary>
/// The warm worker behind <c>kata watch</c> (the hidden command <c>kata worker</c>): a process that stays up
/// between saves, so that a verdict costs a compile and the tests, not a build and a test host. For each
/// <see cref="WarmRequest"/> on its stdin it compiles the learner projects changed since the last full build
/// (<see cref="LearnerCompiler"/>), loads them with the built tests into a fresh load context
/// (<see cref="TestLoadContext"/>), runs the checkpoint's tests with NUnit's runner
/// (Kata.TestSupport's WarmRun) and writes the results as the kata logger does (<see cref="TestRunLog"/>);
/// then it answers with a <see cref="WarmReply"/> on its stdout. It never serves a grade: grading runs
/// dotnet test in its sandbox.
/// </summary>
internal sealed class WarmWorker(string root)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly LearnerCompiler _compiler = new();
    private TestLoadContext.Shared? _libraries;
    private readonly string _scratch = Path.Combine(root, ".kata", "watch", "warm");
    private readonly BuiltCopies _copies = new(Path.Combine(root, ".kata", "watch", "warm", "built"));
    private int _runs;

    /// <summary>Serves requests until stdin closes; 0 then.</summary>
    public static int Serve(string root)
    {
        // The answers have stdout to themselves: whatever else writes to the console (learner code, NUnit
        // outside a test) goes to stderr, which kata watch keeps in .kata/watch/worker.log.
        using var answers = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        Console.SetOut(Console.Error);
        using var requests = new StreamReader(Console.OpenStandardInput());

        // The SDK's own compiler, before any code that uses it is compiled.
        string? built = LearnerProject.All(root).Select(p => p.ResponseFile).FirstOrDefault(f => f is not null);
        if (built is null || !SdkCompiler.Use(built))
        {
            string why = built is null ? "no learner project has been built yet" : "the compiler of the SDK that built your code was not found";
            Console.Error.WriteLine($"kata worker: {why}; every run takes the long way.");
            return Refuse(requests, answers, why);
        }

        return Serve(root, requests, answers);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Serve(string root, StreamReader requests, StreamWriter answers)
    {
        Console.Error.WriteLine($"kata worker: compiler {SdkCompiler.Version()} from {SdkCompiler.Folder}");
        var worker = new WarmWorker(root);
        worker._copies.Clear();
        worker.WarmUp();
        answers.WriteLine("{\"kind\":\"ready\"}");
        while (requests.ReadLine() is { } line)
        {
            WarmReply reply;
            try
            {
                reply = worker.Run(JsonSerializer.Deserialize<WarmRequest>(line, Json)
                    ?? throw new InvalidDataException("an empty request"));
            }
            catch (Exception error) when (error is IOException or InvalidDataException or JsonException or BadImageFormatException
                                          or FileLoadException or TypeLoadException or MissingMethodException or TargetInvocationException
                                          or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine(error);
                reply = new WarmReply(WarmReply.LongWay, [], $"the fast runner met a problem of its own ({error.GetType().Name}: {error.Message})", Restart: false, []);
            }

            answers.WriteLine(JsonSerializer.Serialize(reply, Json));
        }

        return 0;
    }

    // Without a compiler every answer is the long way (and why), until kata watch starts a worker again.
    private static int Refuse(StreamReader requests, StreamWriter answers, string why)
    {
        answers.WriteLine("{\"kind\":\"ready\"}");
        while (requests.ReadLine() is not null)
        {
            answers.WriteLine(JsonSerializer.Serialize(new WarmReply(WarmReply.LongWay, [], why, Restart: true, []), Json));
        }

        return 0;
    }

    /// <summary>Compiles every built learner project once, so that the first save finds the compiler warm.</summary>
    private void WarmUp()
    {
        foreach ((string name, string folder, string? rsp) in LearnerProject.All(root))
        {
            if (rsp is not null)
            {
                _compiler.Compile(new LearnerProject(name, folder, rsp), Path.Combine(_scratch, "warm-up"), root);
            }
        }
    }

    private WarmReply Run(WarmRequest request)
    {
        var clock = Stopwatch.StartNew();
        if (TestBin() is not { } testBin)
        {
            return LongWay("the tests are not built yet");
        }

        if (BuildInputs.ChangedSince(root, request.BuiltFrom) is { } changed)
        {
            return LongWay($"{changed} changed");
        }

        // The learner projects whose files changed since the build: compiled here, in place of the built ones.
        string output = Path.Combine(_scratch, $"run-{++_runs}");
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach ((string name, string folder, string? rsp) in LearnerProject.All(root))
        {
            if (rsp is null || File.GetLastWriteTimeUtc(rsp) > request.BuiltUntil)
            {
                return LongWay(rsp is null ? $"{name} has not been built yet" : $"{name} was built outside kata watch");
            }

            if (!SdkCompiler.Serves(rsp))
            {
                return new WarmReply(WarmReply.LongWay, [], $"{name} was built by another .NET SDK", Restart: true, []);
            }

            var project = new LearnerProject(name, folder, rsp);
            if (!Changed(project, request.BuiltFrom))
            {
                continue;
            }

            CompileResult compiled = _compiler.Compile(project, output, root);
            if (compiled.LongWay is { } why)
            {
                return LongWay(why);
            }

            errors.AddRange(compiled.ErrorLines);
            if (compiled.Assembly is { } assembly)
            {
                replaced[name] = assembly;
            }
        }

        if (errors.Count > 0)
        {
            return new WarmReply(WarmReply.DoesNotCompile, errors, null, Restart: false, [.. replaced.Keys]);
        }

        _libraries ??= new TestLoadContext.Shared(testBin);
        if (_libraries.TestBin != testBin || !_libraries.Current)
        {
            return new WarmReply(WarmReply.LongWay, [], "the test libraries changed", Restart: true, []);
        }

        long compiledAt = clock.ElapsedMilliseconds;
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        bool runawayLeft = RunTests(testBin, replaced, _libraries, _copies, request);
        Console.Error.WriteLine($"kata worker: checkpoint {string.Join(", ", request.Checkpoints)}, compiled {string.Join(", ", replaced.Keys)} in {compiledAt} ms, tests done at {clock.ElapsedMilliseconds} ms, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms of CPU");
        CleanUp(output);
        return new WarmReply(WarmReply.Ran, [], null, Restart: runawayLeft, [.. replaced.Keys]);
    }

    // Loads the tests with the fresh learner code into a context of their own and runs them there.
    private static bool RunTests(string testBin, Dictionary<string, string> replaced, TestLoadContext.Shared libraries, BuiltCopies copies, WarmRequest request)
    {
        // The tests find the kata from where they run, as in dotnet test's host: the folder of the built tests.
        AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", testBin + Path.DirectorySeparatorChar);
        var context = new TestLoadContext(testBin, replaced, libraries, copies);
        using var log = new TestRunLog(request.Json);
        var gate = new Lock();
        bool runawayLeft;
        try
        {
            using (context.EnterContextualReflection())
            {
                Assembly support = context.LoadFromAssemblyName(new AssemblyName("Kata.TestSupport"));
                Assembly tests = context.LoadFromAssemblyName(new AssemblyName("Kata.Tests"));
                var run = support.GetType("Kata.TestSupport.WarmRun", throwOnError: true)!
                    .GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!
                    .CreateDelegate<Func<Assembly, int[], Action<string>, Action<string>, bool>>();
                runawayLeft = run(
                    tests,
                    [.. request.Checkpoints],
                    message =>
                    {
                        lock (gate)
                        {
                            log.AddMessage(message);
                        }
                    },
                    line =>
                    {
                        if (JsonSerializer.Deserialize<LiveLine>(line, Json)?.Result is { } record)
                        {
                            lock (gate)
                            {
                                log.Add(record);
                            }
                        }
                    });
            }

            lock (gate)
            {
                log.WriteJson(request.Json, aborted: false);
            }
        }
        finally
        {
            context.Unload();
        }

        return runawayLeft;
    }

    // A project whose C# files changed after the build started, or that has files added or removed since.
    private static bool Changed(LearnerProject project, DateTime builtFrom)
    {
        IReadOnlyList<string> now = project.Sources();
        if (now.Any(path => File.GetLastWriteTimeUtc(path) > builtFrom))
        {
            return true;
        }

        return !project.BuiltSources().ToHashSet(StringComparer.Ordinal).SetEquals(now);
    }

    private string? TestBin()
    {
        string debug = Path.Combine(root, "tests", "Kata.Tests", "bin", "Debug");
        return Directory.Exists(debug)
            ? Directory.EnumerateDirectories(debug).Where(d => File.Exists(Path.Combine(d, "Kata.Tests.dll"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    // The compiled assemblies of earlier runs; those still mapped by a context not yet collected stay (Windows).
    private void CleanUp(string current)
    {
        foreach (string folder in Directory.EnumerateDirectories(_scratch).Where(f => f != current && Path.GetFileName(f) != "built"))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static WarmReply LongWay(string why) => new(WarmReply.LongWay, [], why, Restart: false, []);

    private sealed record LiveLine(TestRecord? Result);
}
