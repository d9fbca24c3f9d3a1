using System.Diagnostics;
using System.Text.RegularExpressions;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Learner;

/// <summary>
/// Runs the tests of one checkpoint as fast as <c>dotnet test</c> allows, for <c>kata watch</c> and
/// <c>kata next</c>: the test project only (not the whole solution, so tools are not rebuilt), with a
/// checkpoint filter, without a restore after the first run, and the verdict read from the kata
/// logger's JSON rather than from console text. The tests themselves record progress and results,
/// exactly as in a plain <c>dotnet test</c>.
/// </summary>
public sealed partial class CheckpointRunner(string root)
{
    /// <summary>The prefix the test guard gives a stub's failure.</summary>
    public const string StubPrefix = StubOrder.StubPrefix;

    private bool _restored;

    /// <summary>Where the last run's output is kept.</summary>
    public string LogPath { get; } = Path.Combine(root, ".kata", "watch", "run.log");

    /// <summary>Runs the tests of <paramref name="checkpoint"/> on the exercises track.</summary>
    public Verdict Run(int checkpoint, CancellationToken cancellationToken = default)
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

        var clock = Stopwatch.StartNew();
        TestRunReport report = DotnetTest.Run(
            root,
            "exercises",
            LogPath,
            extraArguments: arguments,
            target: Path.Combine(root, "tests", "Kata.Tests", "Kata.Tests.csproj"),
            cancellationToken: cancellationToken);
        clock.Stop();

        var tests = report.Tests.Where(t => t.Checkpoint == checkpoint && !t.IsRule && !t.IsHoldOut).ToList();
        if (tests.Count > 0 || !report.Aborted)
        {
            _restored = true;
        }

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

        return new Verdict(checkpoint, kind, passed, tests.Count, stubs, first, problems, report.Summary, clock.Elapsed, LogPath);
    }

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
