using Kata.Cli.Infrastructure;
using Kata.Core;

namespace Kata.Cli.Grading;

/// <summary>
/// Grades one workspace: builds the learner's code once, then runs each checkpoint in its own
/// <c>dotnet test</c> (its own test host, so a crash or a stack overflow in one checkpoint cannot
/// erase the others), in grade mode: every checkpoint and every hold-out present is revealed.
/// </summary>
public sealed class Grader(Curriculum curriculum, TextWriter progress)
{
    /// <summary>A checkpoint's test host is stopped after this long, whatever happens inside.</summary>
    public static readonly TimeSpan CheckpointTimeout = TimeSpan.FromMinutes(20);

    private const int MessageLength = 240;

    /// <summary>
    /// Grades <paramref name="workspace"/>; logs go to <paramref name="logDirectory"/>. With
    /// <paramref name="only"/>, only that checkpoint is run (the others are reported as not graded).
    /// </summary>
    public GradeReport Grade(string submissionName, Workspace workspace, string logDirectory, int? only = null)
    {
        progress.WriteLine($"Building {submissionName} …");
        string buildLog = Path.Combine(logDirectory, "build.log");
        bool built = DotnetTest.Build(workspace.Root, "exercises", buildLog);
        var buildGrade = new BuildGrade(built, built ? [] : FirstErrors(buildLog, workspace.Root));

        var environment = new Dictionary<string, string?>
        {
            ["KATA_GRADE"] = "1",
            ["MNIST_DIR"] = Environment.GetEnvironmentVariable("MNIST_DIR"),
        };
        string[] hostArguments = ["--no-build", "--blame-hang", "--blame-hang-timeout", "15m", "--blame-hang-dump-type", "none"];

        var checkpoints = new List<CheckpointGrade>();
        var metrics = new Dictionary<string, double>();
        foreach (Checkpoint checkpoint in curriculum.Checkpoints)
        {
            if (!built || (only is int id && id != checkpoint.Id))
            {
                checkpoints.Add(new CheckpointGrade(
                    checkpoint.Id, checkpoint.Title, checkpoint.Required, 0, 0, 0, checkpoint.Points,
                    built ? "not graded" : "build failed", []));
                continue;
            }

            progress.WriteLine($"Checkpoint {checkpoint.Id} · {checkpoint.Title} …");
            TestRunReport run = DotnetTest.Run(
                workspace.Root, "exercises", Path.Combine(logDirectory, $"checkpoint{checkpoint.Id}.log"), environment,
                [.. hostArguments, "--filter", $"Checkpoint={checkpoint.Id}"], timeout: CheckpointTimeout);
            foreach ((string name, double value) in run.Metrics)
            {
                metrics[name] = value;
            }

            checkpoints.Add(GradeCheckpoint(checkpoint, run, workspace.Root));
        }

        RulesGrade rules = new(0, 0, []);
        if (built)
        {
            progress.WriteLine("Rules of the kata …");
            TestRunReport run = DotnetTest.Run(
                workspace.Root, "exercises", Path.Combine(logDirectory, "rules.log"), environment,
                [.. hostArguments, "--filter", "Kind=Rules"], timeout: CheckpointTimeout);
            var results = run.Tests.Where(t => t.IsRule).ToList();
            // A rule that does not apply to this copy (Assert.Ignore) is no failure.
            var failed = results.Where(t => t.Outcome == "Failed").ToList();
            rules = new RulesGrade(results.Count - failed.Count, results.Count, Failures(failed, workspace.Root));
            if (run.Aborted && results.Count == 0)
            {
                rules = new RulesGrade(0, 1, [new FailedTest("rules", "The rules could not run (the test host crashed).")]);
            }
        }

        double score = Math.Round(checkpoints.Sum(c => c.Points), 2, MidpointRounding.AwayFromZero);
        int maxScore = curriculum.Checkpoints.Sum(c => c.Points);
        bool passed = built
            && rules.Total > 0 && rules.Passed == rules.Total
            && checkpoints.Where(c => c.Required && (only is null || c.Id == only)).All(c => c.Total > 0 && c.Passed == c.Total);

        return new GradeReport(
            submissionName,
            score,
            maxScore,
            passed,
            new MnistGrade(metrics.TryGetValue("mnist.accuracy", out double a) ? a : null, curriculum.Mnist.Threshold),
            checkpoints,
            rules,
            buildGrade,
            workspace.Tampered,
            workspace.Ignored);
    }

    private static CheckpointGrade GradeCheckpoint(Checkpoint checkpoint, TestRunReport run, string root)
    {
        var results = run.Tests.Where(t => t.Checkpoint == checkpoint.Id).ToList();

        // The total comes from the test host's own count, sent before any test ran; if the host died
        // before it could count, fall back on the results that did arrive.
        int total = run.Plan.TryGetValue(checkpoint.Id, out int planned) ? planned : results.Count;
        int passed = results.Count(t => t.Passed);
        double points = total == 0 ? 0 : Math.Round(checkpoint.Points * (double)passed / total, 2, MidpointRounding.AwayFromZero);
        string status =
            total == 0 ? "no tests"
            : run.Aborted && results.Count < total ? $"crashed after {results.Count} of {total} tests"
            : passed == total ? "complete"
            : $"{total - passed} failing";
        List<FailedTest> failures = Failures(results, root);
        if (run.Aborted && results.Count < total)
        {
            failures.Add(new FailedTest(
                "(test host)",
                "The test run stopped early — a crash such as a stack overflow (endless recursion?) or a process that ran too long. The tests that did not run count as failed."));
        }

        return new CheckpointGrade(checkpoint.Id, checkpoint.Title, checkpoint.Required, passed, total, points, checkpoint.Points, status, failures);
    }

    private static List<FailedTest> Failures(IEnumerable<TestRecord> results, string root) =>
    [
        .. results.Where(t => !t.Passed).Select(t => new FailedTest(t.Name, OneLine(t.Message ?? t.Outcome, root))),
    ];

    // A failure message on one line, without the workspace path, so a grade reads well and is the same
    // wherever it was computed.
    private static string OneLine(string message, string root)
    {
        string line = string.Join(' ', message.Replace(root.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal)
            .Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= MessageLength ? line : line[..MessageLength] + " …";
    }

    // Compiler errors, with the workspace path removed so the grade does not depend on where it was built.
    private static List<string> FirstErrors(string buildLog, string root) =>
    [
        .. File.ReadLines(buildLog)
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l.Replace(root.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal).Trim())
            .Select(l => l.Contains(" [", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [", StringComparison.Ordinal)] : l)
            .Distinct()
            .Take(10),
    ];
}
