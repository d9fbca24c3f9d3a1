using System.Globalization;
using System.Text.Json;

namespace Kata.Core;

/// <summary>
/// What a test run leaves for the tools: every result (<see cref="TestRecord"/>), the kata's lines of the run
/// (<c>[kata] …</c>: the checkpoint summaries), the plan, the tests started, the metrics and the graded runs'
/// reports, kept within bounds and written as one JSON file (and, as they arrive, as
/// <see cref="LiveResults"/>). One class for both ways a run is made: the kata logger feeds it from VSTest,
/// kata watch's warm worker from NUnit, so the two write the same file.
/// </summary>
public sealed class TestRunLog : IDisposable
{
    private const string Prefix = "[kata] ";
    private const string PlanPrefix = "[kata-plan] ";
    private const string MetricPrefix = "[kata-metric] ";
    private const string StartPrefix = "[kata-start] ";
    private const string RecordPrefix = "[kata-record] "; // GradedRunReport.Prefix

    // A graded run's report is large (the trained network); more than this is not a report.
    private const int MaxRecordLength = 16 << 20;

    // What a run may make the log keep (the logger runs outside the sandbox, and learner code can print): the
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

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly SortedDictionary<string, int> _recordCopies = new(StringComparer.Ordinal);
    private readonly List<string> _kataLines = [];
    private readonly List<TestRecord> _results = [];
    private readonly SortedDictionary<string, List<string>> _records = new(StringComparer.Ordinal);
    private readonly List<string> _started = [];
    private readonly SortedDictionary<string, int> _plan = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> _metrics = new(StringComparer.Ordinal);
    private long _messageChars;
    private StreamWriter? _stream;

    /// <summary>
    /// A log that also writes every result, as it arrives, beside <paramref name="jsonPath"/>
    /// (<see cref="LiveResults.PathFor"/>), for a reader that outlives a stopped run (the grader); or none.
    /// </summary>
    public TestRunLog(string? jsonPath = null)
    {
        if (jsonPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
            _stream = new StreamWriter(LiveResults.PathFor(jsonPath), append: false) { AutoFlush = true };
        }
    }

    /// <summary>The kata's own lines of the run so far (without their prefix).</summary>
    public List<string> KataLines => _kataLines;

    /// <summary>The results kept so far, in the order they arrived.</summary>
    public IReadOnlyList<TestRecord> Results => _results;

    /// <summary>
    /// Keeps <paramref name="record"/>, its message and site cut to <see cref="MaxMessageChars"/> (and dropped once
    /// the run kept <see cref="MaxRunMessageChars"/>); returns what was kept, or null past the most results a run keeps.
    /// </summary>
    public TestRecord? Add(TestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_results.Count >= MaxResults)
        {
            return null;
        }

        record = Bounded(record);
        _results.Add(record);
        _stream?.WriteLine(LiveResults.ResultLine(record));
        return record;
    }

    /// <summary>Reads the kata's lines out of a message the tests printed (several lines at once, or one).</summary>
    public void AddMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (string raw in message.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
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
                     && int.TryParse(count, CultureInfo.InvariantCulture, out int n)
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
                     && double.TryParse(value, CultureInfo.InvariantCulture, out double number)
                     && (_metrics.ContainsKey(name) || _metrics.Count < MaxNamedValues))
            {
                _metrics[name] = number;
            }
        }
    }

    /// <summary>Writes the whole run to <paramref name="path"/>, through a temporary file, so a reader never sees half a file.</summary>
    public void WriteJson(string path, bool aborted)
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

    /// <summary>Closes the live results file.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

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
}
