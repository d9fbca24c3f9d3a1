using System.Globalization;

namespace Kata.Core;

/// <summary>
/// The pass counts of each checkpoint's last complete run, so that <c>kata status</c> can show them
/// without running the tests. The tests write it at the end of every run on the exercises track
/// (any runner: dotnet test, an IDE, kata watch); it lives beside the progress in the git-ignored
/// .kata/ folder. Only a run of all of a checkpoint's tests counts: a run of a few tests says too
/// little. Grading never reads it.
/// </summary>
public sealed class LastResults(string root)
{
    /// <summary>The results file of the kata at <paramref name="root"/>.</summary>
    public string FilePath { get; } = Path.Combine(root, ".kata", "results");

    /// <summary>The last complete result of each checkpoint that has one.</summary>
    public IReadOnlyDictionary<int, CheckpointResult> Read()
    {
        var results = new Dictionary<int, CheckpointResult>();
        try
        {
            foreach (string line in File.ReadLines(FilePath))
            {
                // "2: 12 of 26 at 2025-11-25T09:10:00.0000000+00:00"
                string[] parts = line.Split([':', ' '], 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                    && Parse(parts[1]) is { } result)
                {
                    results[id] = result;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // No results yet (or unreadable): nothing has run.
        }

        return results;
    }

    /// <summary>
    /// Records the checkpoints whose tests all ran in this run; the others keep their earlier result.
    /// </summary>
    public void Record(IEnumerable<(int Checkpoint, int Passed, int Total)> completeRuns, DateTimeOffset at)
    {
        var results = new SortedDictionary<int, CheckpointResult>(Read().ToDictionary());
        bool changed = false;
        foreach ((int checkpoint, int passed, int total) in completeRuns)
        {
            results[checkpoint] = new CheckpointResult(passed, total, at);
            changed = true;
        }

        if (!changed)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var text = new System.Text.StringBuilder(
            "# The last complete test run of each checkpoint, written by the tests for `./kata status`.\n"
            + "# Safe to delete: the next test run writes it again. Grading never reads it.\n");
        foreach ((int id, CheckpointResult r) in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"{id}: {r.Passed} of {r.Total} at {r.At.ToString("O", CultureInfo.InvariantCulture)}\n");
        }

        // Written to a temporary file and renamed, so a reader never sees half a file.
        string temp = $"{FilePath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, FilePath, overwrite: true);
    }

    private static CheckpointResult? Parse(string text)
    {
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 5 && words[1] == "of" && words[3] == "at"
            && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out int passed)
            && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out int total)
            && DateTimeOffset.TryParse(words[4], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset at)
            ? new CheckpointResult(passed, total, at)
            : null;
    }
}
