using System.Globalization;

namespace Kata.Cli.Learner;

/// <summary>
/// How many hints the learner has seen per checkpoint, so that each `kata hint` shows one more. Kept in
/// the git-ignored .kata/hints; deleting it starts every checkpoint's hints from the first again.
/// </summary>
public sealed class HintLog(string root)
{
    /// <summary>The file.</summary>
    public string FilePath { get; } = Path.Combine(root, ".kata", "hints");

    /// <summary>How many hints of <paramref name="checkpoint"/> have been shown.</summary>
    public int Seen(int checkpoint) => Read().GetValueOrDefault(checkpoint);

    /// <summary>Records that <paramref name="count"/> hints of <paramref name="checkpoint"/> have been shown.</summary>
    public void SetSeen(int checkpoint, int count)
    {
        var seen = new SortedDictionary<int, int>(Read()) { [checkpoint] = count };
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var text = new System.Text.StringBuilder("# Hints seen per checkpoint (`./kata hint N` shows one more each time). Delete to start over.\n");
        foreach ((int id, int n) in seen)
        {
            text.Append(CultureInfo.InvariantCulture, $"{id}: {n}\n");
        }

        string temp = FilePath + ".tmp";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, FilePath, overwrite: true);
    }

    private Dictionary<int, int> Read()
    {
        var seen = new Dictionary<int, int>();
        if (!File.Exists(FilePath))
        {
            return seen;
        }

        foreach (string line in File.ReadLines(FilePath))
        {
            string[] parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                seen[id] = n;
            }
        }

        return seen;
    }
}
