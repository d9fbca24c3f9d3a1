using System.Diagnostics;
using System.Text.RegularExpressions;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner.Warm;

namespace Kata.Cli.Learner;

/// <summary>
/// Runs the tests of one checkpoint as fast as <c>dotnet test</c> allows, for <c>kata watch</c> and
/// <c>kata next</c>: the test project only (not the whole solution, so tools are not rebuilt), with a
/// checkpoint filter, without a restore after the first run, and the verdict read from the kata
/// logger's JSON rather than from console text. The tests themselves record progress and results,
/// exactly as in a plain <c>dotnet test</c>. With <c>warm</c> (kata watch), every run after the first full
/// one goes through the warm worker (<see cref="WarmClient"/>) when it can: the changed learner code compiled
/// in process and the tests run in a process that is already up, the same tests with the same verdict;
/// whenever the worker cannot be sure, the run takes the long way above, and says why.
/// </summary>
public sealed partial class CheckpointRunner(string root, bool warm = false) : IDisposable
{
    /// <summary>The prefix the test guard gives a stub's failure.</summary>
    public const string StubPrefix = StubOrder.StubPrefix;

    /// <summary>Set to 0 to make kata watch always take the long way (dotnet test).</summary>
    public const string WarmVariable = "KATA_WATCH_WARM";

    private readonly WarmClient? _warm = warm && Environment.GetEnvironmentVariable(WarmVariable) != "0"
        && Environment.GetEnvironmentVariable("KATA_GRADE") is not ("1" or "true")
        ? new WarmClient(root, WarmCommand)
        : null;

    private bool _restored;
    private (DateTime From, DateTime Until)? _built;

    /// <summary>How the tooling tests start the worker (default: this tool's own <c>worker</c> command).</summary>
    internal static IReadOnlyList<string>? WarmCommand { get; set; }

    /// <summary>Where the last run's output is kept.</summary>
    public string LogPath { get; } = Path.Combine(root, ".kata", "watch", "run.log");

    private string WarmJson => Path.Combine(root, ".kata", "watch", "warm.json");

    /// <summary>Runs the tests of <paramref name="checkpoint"/> on the exercises track.</summary>
    public Verdict Run(int checkpoint, CancellationToken cancellationToken = default)
    {
        string? note = null;
        if (_warm is not null && _built is { } built)
        {
            var clock = Stopwatch.StartNew();
            File.Delete(WarmJson);
            WarmReply? reply = _warm.Run(new WarmRequest([checkpoint], WarmJson, built.From, built.Until), cancellationToken);
            switch (reply)
            {
                case { Kind: WarmReply.DoesNotCompile }:
                    WriteLog(reply.Lines);
                    return new Verdict(checkpoint, VerdictKind.BuildFailed, 0, 0, 0, null, reply.Lines, [], clock.Elapsed, LogPath);

                case { Kind: WarmReply.Ran }:
                    TestRunReport report = DotnetTest.Read(WarmJson, exitCode: 0, timedOut: false, LogPath);
                    WriteLog(report.Tests.Where(t => t.Outcome == "Failed").SelectMany(FailureLines));
                    if (reply.Restart)
                    {
                        // The guard parked a loop that never ends; only a new process gets its core back.
                        _warm.Restart();
                        note = "A loop of yours is still running in the background runner, so a fresh one has started.";
                    }

                    return Judge(checkpoint, report, clock.Elapsed) with { Note = note };

                case { Kind: WarmReply.LongWay }:
                    note = $"Built the long way: {reply.Reason}.";
                    if (reply.Restart)
                    {
                        _warm.Restart();
                    }

                    break;

                default:
                    _warm.Restart();
                    note = "The background runner stopped before it answered (a stack overflow in your code, say; .kata/watch/worker.log has its last words), so the tests ran the long way, and a fresh runner has started.";
                    break;
            }
        }

        return RunLongWay(checkpoint, cancellationToken) with { Note = note };
    }

    /// <summary>Stops the warm worker.</summary>
    public void Dispose() => _warm?.Dispose();

    // dotnet test on the test project, with the checkpoint's filter.
    private Verdict RunLongWay(int checkpoint, CancellationToken cancellationToken)
    {
        // -m:1 builds in this one process: starting worker nodes cost more than the few small projects
        // gain from a parallel build (2.3-3.1 s instead of 3.2-5.2 s per save, measured on two busy cores).
        var arguments = new List<string> { "--filter", $"Checkpoint={checkpoint}", "--nologo", "-m:1" };
        if (_restored)
        {
            // Restoring again finds nothing new but costs 0.6-1.3 s per run; the first run of a session
            // restores, so a `git pull` that adds a checkpoint is picked up.
            arguments.Add("--no-restore");
        }

        DateTime from = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        TestRunReport report = DotnetTest.Run(
            root,
            "exercises",
            LogPath,
            extraArguments: arguments,
            target: Path.Combine(root, "tests", "Kata.Tests", "Kata.Tests.csproj"),
            cancellationToken: cancellationToken);
        clock.Stop();

        bool ran = report.Tests.Any(t => t.Checkpoint == checkpoint && !t.IsRule && !t.IsHoldOut);
        if (ran || !report.Aborted)
        {
            _restored = true;
        }

        // Tests ran, so everything was built: the warm worker may start from here (and warms up meanwhile).
        _built = ran ? (from, DateTime.UtcNow) : null;
        if (ran)
        {
            _warm?.Start();
        }

        return Judge(checkpoint, report, clock.Elapsed);
    }

    // The verdict on a run's report, whichever way it was made.
    private Verdict Judge(int checkpoint, TestRunReport report, TimeSpan elapsed)
    {
        var tests = report.Tests.Where(t => t.Checkpoint == checkpoint && !t.IsRule && !t.IsHoldOut).ToList();
        var failures = tests.Where(t => t.Outcome == "Failed").ToList();
        int stubs = failures.Count(IsStub);
        TestRecord? first = failures.FirstOrDefault(t => !IsStub(t)) ?? FirstStub(checkpoint, failures);
        int passed = tests.Count(t => t.Passed);

        VerdictKind kind;
        IReadOnlyList<string> problems = [];
        if (tests.Count == 0 && (report.Aborted || report.ExitCode != 0) && BuildErrors(LogPath) is { Count: > 0 } errors)
        {
            kind = VerdictKind.BuildFailed;
            problems = errors;
        }
        else if (tests.Count == 0 && report.Aborted)
        {
            kind = VerdictKind.Crashed;
            problems = LastLines(LogPath, 8);
        }
        else if (tests.Count == 0)
        {
            kind = VerdictKind.NoTests;
        }
        else
        {
            kind = passed == tests.Count ? VerdictKind.AllPass : VerdictKind.SomeFail;
        }

        return new Verdict(checkpoint, kind, passed, tests.Count, stubs, first, problems, report.Summary, elapsed, LogPath);
    }

    // The warm run's log: what a learner would look for in dotnet test's output.
    private void WriteLog(IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        File.WriteAllLines(LogPath, lines);
    }

    private static IEnumerable<string> FailureLines(TestRecord failure) =>
        [$"✗ {failure.Name}", .. (failure.Message ?? string.Empty).Split('\n').Select(l => "    " + l.TrimEnd('\r')), .. failure.Site is { } site ? ["    " + site] : Array.Empty<string>()];

    /// <summary>The stub failure to show first: the one whose method comes first in the learner's files.</summary>
    private TestRecord? FirstStub(int checkpoint, List<TestRecord> failures)
    {
        string? project = Kata.Core.Curriculum.Load(root).Find(checkpoint)?.Project;
        return project is null
            ? failures.FirstOrDefault()
            : StubOrder.Ordered(failures, StubOrder.Sources(Path.Combine(root, "exercises", project))).FirstOrDefault();
    }

    /// <summary>True when the test failed because it met a stub.</summary>
    public static bool IsStub(TestRecord test) => StubOrder.IsStub(test);

    /// <summary>The distinct compiler and build errors in a dotnet log, paths shortened to the kata's root.</summary>
    internal IReadOnlyList<string> BuildErrors(string logPath)
    {
        if (!File.Exists(logPath))
        {
            return [];
        }

        string prefix = root.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        return [.. File.ReadLines(logPath)
            .Where(line => BuildError().IsMatch(line))
            .Select(line => ProjectSuffix().Replace(line.Trim(), string.Empty).Replace(prefix, string.Empty, StringComparison.Ordinal))
            .Distinct()];
    }

    private static IReadOnlyList<string> LastLines(string logPath, int count) =>
        File.Exists(logPath) ? [.. File.ReadLines(logPath).Where(l => l.Trim().Length > 0).TakeLast(count)] : [];

    [GeneratedRegex(@":\s+error\s+[A-Z]+\d+:")]
    private static partial Regex BuildError();

    [GeneratedRegex(@"\s+\[[^\]]+\.csproj(::[^\]]*)?\]$")]
    private static partial Regex ProjectSuffix();
}
