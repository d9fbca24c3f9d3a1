using Kata.Core;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace Kata.TestLogger;

/// <summary>
/// What a learner reads after <c>dotnet test</c>: the failures (by default in the short form of
/// <see cref="FailureReport"/>: every real failure, the stub to write first and one line per method
/// still to write; with <c>--logger "kata;failures=all"</c> every failure in full, as it happens), then
/// the kata's own lines — how each checkpoint did, what was unlocked, what is still hidden — and how
/// many tests ran. Enabled by tests/kata.runsettings; the built-in console logger is set to quiet
/// (Directory.Build.props) because it would list every hidden test as "Skipped".
/// </summary>
[FriendlyName("kata")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "VSTest never disposes a logger; the live results file is closed when the run completes.")]
[ExtensionUri("logger://kata")]
public sealed class KataLogger : ITestLoggerWithParameters
{
    /// <summary>The most of one test's failure message (and of its blamed site) that is kept.</summary>
    public const int MaxMessageChars = TestRunLog.MaxMessageChars;

    /// <summary>The most failure-message text one run keeps; later messages are replaced by a note.</summary>
    public const long MaxRunMessageChars = TestRunLog.MaxRunMessageChars;

    // The results, the kata's lines and the JSON file: shared with kata watch's warm worker (Kata.Core).
    private TestRunLog _log = new();
    private readonly Lock _gate = new();
    private readonly TextWriter _out = Console.Out;
    private readonly List<TestRecord> _failures = [];
    private string? _jsonPath;
    private bool _allFailures;

    /// <inheritdoc />
    public void Initialize(TestLoggerEvents events, string testRunDirectory) => Subscribe(events);

    /// <summary>
    /// With <c>--logger "kata;json=path"</c> it also writes every result, with its checkpoint, to a
    /// JSON file: what the maintainer check and the grader read. With <c>failures=all</c> it prints
    /// every failure in full.
    /// </summary>
    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _jsonPath = parameters.TryGetValue("json", out string? path) && !string.IsNullOrWhiteSpace(path) ? Path.GetFullPath(path) : null;
        // Every result, as it arrives, for a reader that outlives a stopped run (the grader).
        _log = new TestRunLog(_jsonPath);

        _allFailures = parameters.TryGetValue("failures", out string? failures) && failures == "all";
        Subscribe(events);
    }

    private void Subscribe(TestLoggerEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.TestResult += (_, e) => OnResult(e.Result);
        events.TestRunMessage += (_, e) => OnMessage(e.Message);
        events.TestRunComplete += (_, e) => OnComplete(e.IsAborted);
    }

    private void OnResult(TestResult result)
    {
        TestRecord record = TestRecords.From(result);
        lock (_gate)
        {
            if (_log.Add(record) is not { } kept || result.Outcome != TestOutcome.Failed)
            {
                return;
            }

            _failures.Add(kept);
            if (_allFailures)
            {
                // In full, as each failure happens: a long run shows its failures while it goes on.
                foreach (string line in FailureReport.InFull(kept))
                {
                    _out.WriteLine(line);
                }
            }
        }
    }

    private void OnMessage(string message)
    {
        lock (_gate)
        {
            _log.AddMessage(message);
        }
    }

    private void OnComplete(bool aborted)
    {
        lock (_gate)
        {
            List<string> kataLines = _log.KataLines;
            if (aborted && kataLines.Count == 0)
            {
                kataLines.Add("The test run stopped before it finished (a crash such as a stack overflow?). "
                    + "Run it again with --blame to see which test was running.");
            }

            if (!_allFailures)
            {
                foreach (string line in FailureReport.ShortForm(_failures, LearnerSources))
                {
                    _out.WriteLine(line);
                }
            }

            if (kataLines.Count > 0 || _failures.Count > 0)
            {
                _out.WriteLine();
            }

            foreach (string line in kataLines)
            {
                _out.WriteLine("  " + line);
            }

            if (FailureReport.Tally(_log.Results) is { } tally)
            {
                _out.WriteLine("  " + tally);
            }

            if (_jsonPath is not null)
            {
                _log.WriteJson(_jsonPath, aborted);
            }

            _log.Dispose();
            kataLines.Clear();
            _failures.Clear();
        }
    }

    // The learner's files of checkpoint N (exercises/Checkpoint0N.*/ or CheckpointNN.*/), to pick the stub to write first.
    private static IReadOnlyList<string> LearnerSources(int checkpoint)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string exercises = Path.Combine(dir.FullName, "exercises");
            if (File.Exists(Path.Combine(dir.FullName, "curriculum.json")) && Directory.Exists(exercises))
            {
                string? project = Directory.EnumerateDirectories(exercises, $"Checkpoint{checkpoint:00}.*").FirstOrDefault();
                return project is null ? [] : StubOrder.Sources(project);
            }
        }

        return [];
    }
}
