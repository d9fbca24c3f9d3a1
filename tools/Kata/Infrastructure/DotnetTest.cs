using System.Text.Json;

namespace Kata.Cli.Infrastructure;

/// <summary>Runs <c>dotnet test</c> on the kata and reads back every result with its checkpoint.</summary>
public static class DotnetTest
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Runs <c>dotnet test</c> on the kata at <paramref name="root"/> for the given track, with the
    /// environment variables and extra arguments given, writing the full output to <paramref name="logPath"/>
    /// and the kata logger's results next to it (same name, .json). It tests the kata's solution unless
    /// <paramref name="target"/> names another project, or a built test assembly (then VSTest runs it
    /// without MSBuild: nothing is built, evaluated or restored, and <paramref name="track"/> is not used). With <paramref name="annotateOnGitHub"/>, failures
    /// also become GitHub Actions annotations (only where a failure is a real problem).
    /// </summary>
    /// <param name="cancellationToken">Stops the run (and every process it started) early: then it throws <see cref="OperationCanceledException"/>.</param>
    public static TestRunReport Run(
        string root,
        string track,
        string logPath,
        IReadOnlyDictionary<string, string?>? environment = null,
        IEnumerable<string>? extraArguments = null,
        TextWriter? echo = null,
        TimeSpan? timeout = null,
        bool annotateOnGitHub = false,
        string? target = null,
        IReadOnlyList<string>? wrapper = null,
        bool visibleLog = false,
        CancellationToken cancellationToken = default)
    {
        string jsonPath = Path.ChangeExtension(Path.GetFullPath(logPath), ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
        File.Delete(jsonPath);
        File.Delete(LiveResults.PathFor(jsonPath));
        // A built test assembly as the target runs VSTest on it directly, with no MSBuild (and no track to choose).
        bool assembly = target?.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) == true;
        string[] arguments =
        [
            "test", target ?? Path.Combine(root, "NeuralNetKata.slnx"), .. assembly ? Array.Empty<string>() : [$"-p:KataTrack={track}"], "--logger", $"kata;json={jsonPath}",
            .. extraArguments ?? [],

            // On GitHub Actions, a run whose failures are real problems also annotates them on the run.
            .. annotateOnGitHub && Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true"
                ? (string[])["--logger", "GitHubActions;summary-include-passed=false"]
                : [],
        ];
        // A wrapper (the grader's sandbox) runs dotnet itself: wrapper[0] wrapper[1..] dotnet arguments.
        ProcessResult process = wrapper is { Count: > 0 }
            ? ProcessRunner.Run(wrapper[0], [.. wrapper.Skip(1), "dotnet", .. arguments], root, logPath, environment, echo, timeout, visibleLog, cancellationToken)
            : ProcessRunner.Run("dotnet", arguments, root, logPath, WithoutKeptBuildNodes(environment), echo, timeout, visibleLog, cancellationToken);

        return Read(jsonPath, process.ExitCode, process.TimedOut, logPath);
    }

    /// <summary>
    /// The report of a run from the kata logger's JSON file at <paramref name="jsonPath"/> (or, when the run
    /// stopped before the logger wrote it, from its live results), with the run's exit code and log.
    /// </summary>
    public static TestRunReport Read(string jsonPath, int exitCode, bool timedOut, string logPath)
    {
        if (!File.Exists(jsonPath))
        {
            // Stopped before the logger wrote its file (a time limit, a killed host): the results that
            // arrived until then, from the logger's live file.
            (List<TestRecord> arrived, Dictionary<string, List<string>> copies) = LiveResults.Read(LiveResults.PathFor(jsonPath));
            return new TestRunReport(exitCode, Aborted: true, [], new Dictionary<int, int>(), new Dictionary<string, double>(), arrived, logPath, Records: copies)
            {
                TimedOut = timedOut,
            };
        }

        var report = JsonSerializer.Deserialize<LoggerFile>(File.ReadAllText(jsonPath), JsonOptions)
            ?? throw new InvalidDataException($"{jsonPath} is empty.");
        var plan = (report.Plan ?? []).ToDictionary(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture), p => p.Value);
        return new TestRunReport(
            exitCode,
            report.Aborted || timedOut,
            report.Summary ?? [],
            plan,
            report.Metrics ?? [],
            report.Tests ?? [],
            logPath,
            report.Started ?? [],
            Copies(report.Records, report.RecordCopies))
        {
            TimedOut = timedOut,
        };
    }

    // The logger keeps one copy of each report and counts the others: as many entries as copies arrived
    // (the ones after the first empty), so that a reader sees a report sent twice.
    private static Dictionary<string, List<string>> Copies(Dictionary<string, List<string>>? records, Dictionary<string, int>? counts) =>
        (records ?? []).ToDictionary(
            r => r.Key,
            r => (List<string>)[.. r.Value.Take(1), .. Enumerable.Repeat(string.Empty, Math.Max(0, counts?.GetValueOrDefault(r.Key, r.Value.Count) ?? r.Value.Count) - Math.Min(1, r.Value.Count))],
            StringComparer.Ordinal);

    /// <summary>
    /// Builds the kata at <paramref name="root"/> (or one <paramref name="project"/> of it) for
    /// <paramref name="track"/>, writing the output to <paramref name="logPath"/>; true when it succeeded.
    /// <paramref name="extraArguments"/> go to dotnet build, e.g. <c>-p:KataOptimize=true</c>.
    /// </summary>
    public static bool Build(string root, string track, string logPath, string? project = null, TextWriter? echo = null, IEnumerable<string>? extraArguments = null, bool visibleLog = false) =>
        ProcessRunner.Run("dotnet", ["build", project ?? Path.Combine(root, "NeuralNetKata.slnx"), $"-p:KataTrack={track}", "-nologo", .. extraArguments ?? []], root, logPath, WithoutKeptBuildNodes(null), echo: echo, visible: visibleLog).ExitCode == 0;

    // MSBuild keeps its worker processes for the next build unless the environment says not to, and a
    // kept worker inherits the output pipe of the build that started it: the grader then waited for that
    // output to close for as long as the worker lived (a CI run took an hour). Builds the kata starts keep
    // none, whatever the machine's setting: every build starts from the same state, and nothing of one
    // grade's build is alive during the next.
    private static Dictionary<string, string?> WithoutKeptBuildNodes(IReadOnlyDictionary<string, string?>? environment) =>
        new(environment ?? new Dictionary<string, string?>()) { ["MSBUILDDISABLENODEREUSE"] = "1" };

    /// <summary>The repository root of the kata this tool is running in.</summary>
    public static string Root => KataPaths.Root;

    private sealed record LoggerFile(
        bool Aborted,
        List<string>? Summary,
        Dictionary<string, int>? Plan,
        Dictionary<string, double>? Metrics,
        List<TestRecord>? Tests,
        List<string>? Started,
        Dictionary<string, List<string>>? Records,
        Dictionary<string, int>? RecordCopies);
}
