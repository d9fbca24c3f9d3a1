using Kata.Cli.Infrastructure;

namespace Kata.Cli.Grading;

/// <summary>Turns what an instructor names (a folder or a git URL) into a local folder to grade.</summary>
public static class Submission
{
    /// <summary>
    /// A local folder: used as it is. A git URL (https://, git@, file://, or ending in .git): cloned
    /// (shallow) into <paramref name="scratch"/>.
    /// </summary>
    public static string Fetch(string target, string scratch)
    {
        if (Directory.Exists(target))
        {
            return Path.GetFullPath(target);
        }

        bool looksLikeGit = target.Contains("://", StringComparison.Ordinal) || target.StartsWith("git@", StringComparison.Ordinal)
            || target.EndsWith(".git", StringComparison.Ordinal);
        if (!looksLikeGit)
        {
            throw new IOException("no such folder, and it does not look like a git URL.");
        }

        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);
        ProcessResult clone = ProcessRunner.Run("git", ["clone", "--quiet", "--depth", "1", target, scratch], Path.GetDirectoryName(scratch)!, scratch + ".clone.log", timeout: TimeSpan.FromMinutes(5));
        return clone.ExitCode == 0 ? scratch : throw new InvalidOperationException($"git clone failed; see {scratch}.clone.log.");
    }
}
