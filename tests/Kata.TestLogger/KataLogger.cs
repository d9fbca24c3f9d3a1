using System.Text.Json;
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
    private const string Prefix = "[kata] ";
    private const string PlanPrefix = "[kata-plan] ";
    private const string MetricPrefix = "[kata-metric] ";
    private const string StartPrefix = "[kata-start] ";
    private const string RecordPrefix = "[kata-record] "; // Kata.Core.GradedRunReport.Prefix

    // A graded run's report is large (the trained network); more than this is not a report.
    private const int MaxRecordLength = 16 << 20;

    // What a run may make the logger keep (it runs outside the sandbox, and learner code can print): the
    // graded runs' reports (one copy each, a few names), the kata's lines, failure messages.
    private const int MaxRecordNames = 16;
    private const int MaxRecordCopiesCounted = 1000;
    private const int MaxKataLines = 500;
    private const int MaxLineLength = 4096;
    private const int MaxNamedValues = 256;
    private const int MaxStarted = 100_000;
    private const int MaxResults = 100_000;

    /// <summary>The most of one test's failure message (and of its blamed site) that is kept.</summary>
    public const int MaxMessageChars = 16 << 10;

    /// <summary>The most failure-message text one run keeps; later messages are replaced by a note.</summary>
    public const long MaxRunMessageChars = 8 << 20;

    private readonly SortedDictionary<string, int> _recordCopies = new(StringComparer.Ordinal);
    private long _messageChars;
    private StreamWriter? _stream;
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
        if (_jsonPath is not null)
        {
            // Every result, as it arrives, for a reader that outlives a stopped run (the grader).
            Directory.CreateDirectory(Path.GetDirectoryName(_jsonPath)!);
            _stream = new StreamWriter(LiveResults.PathFor(_jsonPath), append: false) { AutoFlush = true };
        }

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
            if (_results.Count >= MaxResults)
            {
                return;
            }

            record = Bounded(record);
            _results.Add(record);
            _stream?.WriteLine(LiveResults.ResultLine(record));
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
                if (line.StartsWith(RecordPrefix, StringComparison.Ordinal)
                    && line.Length <= MaxRecordLength
                    && line[RecordPrefix.Length..].Split(' ', 2) is [var recordName, var json])
                {
                    // One copy is kept and every copy counted: a run reported twice is not trusted by the grader.
                    if (_recordCopies.TryGetValue(recordName, out int copies))
                    {
                        _recordCopies[recordName] = Math.Min(copies + 1, MaxRecordCopiesCounted);
                    }
                    else if (_recordCopies.Count < MaxRecordNames)
                    {
                        _recordCopies[recordName] = 1;
                        _records[recordName] = [json];
                        _stream?.WriteLine(LiveResults.RecordLine(recordName, json));
                    }

                    if (copies > 0 && copies < MaxRecordCopiesCounted)
                    {
                        _stream?.WriteLine(LiveResults.RecordLine(recordName, string.Empty));
                    }

                    continue;
                }

                if (line.Length > MaxLineLength)
                {
                    continue; // none of the kata's own lines is this long
                }

                if (line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    if (_kataLines.Count < MaxKataLines)
                    {
                        _kataLines.Add(line[Prefix.Length..]);
                    }
                }
                else if (line.StartsWith(PlanPrefix, StringComparison.Ordinal)
                         && line[PlanPrefix.Length..].Split(' ') is [var checkpoint, var count]
                         && int.TryParse(count, System.Globalization.CultureInfo.InvariantCulture, out int n)
                         && (_plan.ContainsKey(checkpoint) || _plan.Count < MaxNamedValues))
                {
                    _plan[checkpoint] = n;
                }
                else if (line.StartsWith(StartPrefix, StringComparison.Ordinal))
                {
                    if (_started.Count < MaxStarted)
                    {
                        _started.Add(line[StartPrefix.Length..]);
                    }
                }
                else if (line.StartsWith(MetricPrefix, StringComparison.Ordinal)
                         && line[MetricPrefix.Length..].Split('=', 2) is [var name, var value]
                         && double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double number)
                         && (_metrics.ContainsKey(name) || _metrics.Count < MaxNamedValues))
                {
                    _metrics[name] = number;
                }
            }
        }
    }

    // A result with its message and site cut to MaxMessageChars, and nothing more once the run has kept
    // MaxRunMessageChars of messages.
    private TestRecord Bounded(TestRecord record)
    {
        string? Cut(string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (_messageChars >= MaxRunMessageChars)
            {
                return $"(message dropped: this run's failure messages passed {MaxRunMessageChars >> 20} MiB)";
            }

            string kept = text.Length <= MaxMessageChars ? text : text[..MaxMessageChars] + " … (cut)";
            _messageChars += kept.Length;
            return kept;
        }

        return record with { Message = Cut(record.Message), Site = Cut(record.Site) };
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
            recordCopies = _recordCopies,
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

            _stream?.Dispose();
            _stream = null;

            _kataLines.Clear();
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
