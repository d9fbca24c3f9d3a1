using System.Text.Json;
using Kata.Core;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

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
[ExtensionUri("logger://kata")]
public sealed class KataLogger : ITestLoggerWithParameters
{
    private const string Prefix = "[kata] ";
    private const string PlanPrefix = "[kata-plan] ";
    private const string MetricPrefix = "[kata-metric] ";
    private const string StartPrefix = "[kata-start] ";
    private const string RecordPrefix = "[kata-record] "; // Kata.Core.GradedRunReport.Prefix

    // A graded run's report is large (the trained network); more than this is not a report.
    private const int MaxRecordLength = 16 << 20;
    private readonly List<string> _kataLines = [];
    private readonly Lock _gate = new();
    private readonly TextWriter _out = Console.Out;
    private readonly List<TestRecord> _results = [];
    private readonly SortedDictionary<string, List<string>> _records = new(StringComparer.Ordinal);
    private readonly List<string> _started = [];
    private readonly SortedDictionary<string, int> _plan = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> _metrics = new(StringComparer.Ordinal);
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
            _results.Add(record);
            if (result.Outcome != TestOutcome.Failed)
            {
                return;
            }

            _failures.Add(record);
            if (_allFailures)
            {
                // In full, as each failure happens: a long run shows its failures while it goes on.
                foreach (string line in FailureReport.InFull(record))
                {
                    _out.WriteLine(line);
                }
            }
        }
    }

    private void OnMessage(string message)
    {
        foreach (string raw in message.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            lock (_gate)
            {
                if (line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    _kataLines.Add(line[Prefix.Length..]);
                }
                else if (line.StartsWith(PlanPrefix, StringComparison.Ordinal)
                         && line[PlanPrefix.Length..].Split(' ') is [var checkpoint, var count]
                         && int.TryParse(count, System.Globalization.CultureInfo.InvariantCulture, out int n))
                {
                    _plan[checkpoint] = n;
                }
                else if (line.StartsWith(StartPrefix, StringComparison.Ordinal))
                {
                    _started.Add(line[StartPrefix.Length..]);
                }
                else if (line.StartsWith(RecordPrefix, StringComparison.Ordinal)
                         && line.Length <= MaxRecordLength
                         && line[RecordPrefix.Length..].Split(' ', 2) is [var recordName, var json])
                {
                    // Every copy is kept: a run reported twice is not trusted by the grader.
                    if (!_records.TryGetValue(recordName, out List<string>? copies))
                    {
                        _records[recordName] = copies = [];
                    }

                    copies.Add(json);
                }
                else if (line.StartsWith(MetricPrefix, StringComparison.Ordinal)
                         && line[MetricPrefix.Length..].Split('=', 2) is [var name, var value]
                         && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double number))
                {
                    _metrics[name] = number;
                }
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    // Written to a temporary file and renamed, so a reader never sees half a file.
    private void WriteJson(string path, bool aborted)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var report = new
        {
            aborted,
            summary = _kataLines,
            plan = _plan,
            metrics = _metrics,
            started = _started,
            records = _records,
            tests = _results.OrderBy(r => r.FullyQualifiedName, StringComparer.Ordinal),
        };
        string temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(report, JsonOptions));
        File.Move(temp, path, overwrite: true);
    }

    private void OnComplete(bool aborted)
    {
        lock (_gate)
        {
            if (aborted && _kataLines.Count == 0)
            {
                _kataLines.Add("The test run stopped before it finished (a crash such as a stack overflow?). "
                    + "Run it again with --blame to see which test was running.");
            }

            if (!_allFailures)
            {
                foreach (string line in FailureReport.ShortForm(_failures, LearnerSources))
                {
                    _out.WriteLine(line);
                }
            }

            if (_kataLines.Count > 0 || _failures.Count > 0)
            {
                _out.WriteLine();
            }

            foreach (string line in _kataLines)
            {
                _out.WriteLine("  " + line);
            }

            if (FailureReport.Tally(_results) is { } tally)
            {
                _out.WriteLine("  " + tally);
            }

            if (_jsonPath is not null)
            {
                WriteJson(_jsonPath, aborted);
            }

            _kataLines.Clear();
            _failures.Clear();
        }
    }

    // The learner's files of checkpoint N (exercises/CheckpointN.*/), to pick the stub to write first.
    private static IReadOnlyList<string> LearnerSources(int checkpoint)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string exercises = Path.Combine(dir.FullName, "exercises");
            if (File.Exists(Path.Combine(dir.FullName, "curriculum.json")) && Directory.Exists(exercises))
            {
                string? project = Directory.EnumerateDirectories(exercises, $"Checkpoint{checkpoint}.*").FirstOrDefault();
                return project is null ? [] : StubOrder.Sources(project);
            }
        }

        return [];
    }
}

/// <summary>Turns a VSTest result into the record the JSON file holds (Kata.Core.TestRecord).</summary>
internal static class TestRecords
{
    public static TestRecord From(TestResult result)
    {
        string? checkpoint = result.TestCase.Traits.FirstOrDefault(t => t.Name == "Checkpoint")?.Value;
        return new TestRecord(
            result.TestCase.DisplayName,
            result.TestCase.FullyQualifiedName,
            result.Outcome.ToString(),
            int.TryParse(checkpoint, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null,
            result.TestCase.Traits.FirstOrDefault(t => t.Name == "Kind")?.Value,
            result.ErrorMessage,
            Math.Round(result.Duration.TotalSeconds, 3),
            result.Outcome == TestOutcome.Failed ? Blame.Describe(result.ErrorStackTrace, result.ErrorMessage) : null,
            [.. result.TestCase.Traits.Where(t => t.Name == "Grades").Select(t => t.Value).Distinct().Order(StringComparer.Ordinal)],
            result.TestCase.Traits.FirstOrDefault(t => t.Name == "GradedRun")?.Value);
    }
}
