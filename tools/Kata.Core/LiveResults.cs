using System.Text.Json;

namespace Kata.Core;

/// <summary>
/// The results of a test run as they arrive, one JSON object a line, written by the kata logger beside its
/// JSON file (<see cref="PathFor"/>) and flushed at once: when a run is stopped (a time budget spent, a
/// host killed) the results that arrived before are still there for the grader. Each line is
/// <c>{"result": TestRecord}</c> or <c>{"record": name, "json": report}</c>.
/// </summary>
public static class LiveResults
{
    /// <summary>The longest line the reader takes (a graded run's report is the longest legitimate one).</summary>
    public const int MaxLineLength = 24 << 20;

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The stream file that goes with the logger's JSON file at <paramref name="jsonPath"/>.</summary>
    public static string PathFor(string jsonPath) => Path.ChangeExtension(jsonPath, ".stream.jsonl");

    /// <summary>The line for a result.</summary>
    public static string ResultLine(TestRecord record) => JsonSerializer.Serialize(new Line(record, null, null), Options);

    /// <summary>The line for a copy of a graded run's report.</summary>
    public static string RecordLine(string name, string json) => JsonSerializer.Serialize(new Line(null, name, json), Options);

    /// <summary>The results and report copies in the stream at <paramref name="path"/> (empty when there is none).</summary>
    public static (List<TestRecord> Results, Dictionary<string, List<string>> Records) Read(string path)
    {
        var results = new List<TestRecord>();
        var records = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return (results, records);
        }

        using var reader = new StreamReader(path);
        while (BoundedLine(reader) is { } text)
        {
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Options);
            }
            catch (JsonException)
            {
                continue; // the last line of a stopped run may be cut short
            }

            if (line?.Result is { } result)
            {
                results.Add(result);
            }
            else if (line is { Record: { } name, Json: { } json })
            {
                (records.TryGetValue(name, out List<string>? copies) ? copies : records[name] = []).Add(json);
            }
        }

        return (results, records);
    }

    // One line, or null at the end; a line longer than MaxLineLength is skipped whole.
    private static string? BoundedLine(StreamReader reader)
    {
        var line = new System.Text.StringBuilder();
        bool tooLong = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n')
            {
                if (!tooLong)
                {
                    return line.ToString();
                }

                line.Clear();
                tooLong = false;
                continue;
            }

            if (line.Length >= MaxLineLength)
            {
                tooLong = true;
                line.Clear();
            }
            else if (!tooLong)
            {
                line.Append((char)c);
            }
        }

        return line.Length > 0 && !tooLong ? line.ToString() : null;
    }

    private sealed record Line(TestRecord? Result, string? Record, string? Json);
}
