using System.Globalization;

namespace Kata.Core;

/// <summary>
/// The learner's progress: the highest checkpoint whose tests are revealed. It lives in one small,
/// human-readable, git-ignored file (.kata/progress). Deleting it starts over at checkpoint 1.
/// Grading never reads it: grade mode and the solutions track reveal everything.
/// </summary>
public sealed class Progress(string root)
{
    private const string Key = "unlocked";

    /// <summary>The progress file of the kata at <paramref name="root"/>.</summary>
    public string FilePath { get; } = Path.Combine(root, ".kata", "progress");

    /// <summary>The highest revealed checkpoint; <paramref name="first"/> when there is no progress yet.</summary>
    public int Unlocked(int first)
    {
        try
        {
            foreach (string line in File.ReadLines(FilePath))
            {
                string[] parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0] == Key
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                {
                    return Math.Max(first, n);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // No progress file yet (or unreadable): a fresh start.
        }

        return first;
    }

    /// <summary>Records that every checkpoint up to <paramref name="checkpoint"/> is revealed.</summary>
    public void Unlock(int checkpoint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        string temp = FilePath + ".tmp";
        File.WriteAllText(
            temp,
            "# Your progress through the kata: tests of checkpoints after 'unlocked' stay hidden until the\n"
            + "# one before passes. Run `dotnet test --filter Checkpoint=N` to try any checkpoint early.\n"
            + "# Delete this file to start over.\n"
            + $"{Key}: {checkpoint.ToString(CultureInfo.InvariantCulture)}\n");
        File.Move(temp, FilePath, overwrite: true);
    }
}
