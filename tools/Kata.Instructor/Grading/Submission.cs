using System.Text;

namespace Kata.Instructor.Grading;

/// <summary>Turns what an instructor names (a folder or a git URL) into a local folder to grade.</summary>
public static class Submission
{
    /// <summary>
    /// A local folder: used as it is. A git URL (https://, git@, file://, or ending in .git): cloned
    /// (shallow, without submodules, links checked out as plain files) into <paramref name="scratch"/>.
    /// </summary>
    /// <exception cref="IOException">No such folder, or it cannot be read; the message says which.</exception>
    /// <exception cref="InvalidOperationException">The clone failed.</exception>
    public static string Fetch(string target, string scratch)
    {
        if (Directory.Exists(target))
        {
            try
            {
                using IEnumerator<string> probe = Directory.EnumerateFileSystemEntries(target).GetEnumerator();
                probe.MoveNext();
            }
            catch (UnauthorizedAccessException)
            {
                throw new IOException("the folder exists but cannot be read (permission denied); give the grader read access to it.");
            }

            return Path.GetFullPath(target);
        }

        bool looksLikeGit = target.Contains("://", StringComparison.Ordinal) || target.StartsWith("git@", StringComparison.Ordinal)
            || target.EndsWith(".git", StringComparison.Ordinal);
        if (!looksLikeGit)
        {
            throw new IOException(File.Exists(target) ? "that is a file; give the folder of a learner's copy of the kata, or a git URL." : "no such folder, and it does not look like a git URL.");
        }

        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(scratch)!);

        // No prompt for credentials, no hooks or filters of the submission's, links as plain files.
        ProcessResult clone = ProcessRunner.Run(
            "git",
            ["-c", "core.symlinks=false", "-c", "protocol.ext.allow=never", "clone", "--quiet", "--depth", "1", "--no-recurse-submodules", "--", target, scratch],
            Path.GetDirectoryName(scratch)!,
            scratch + ".clone.log",
            new Dictionary<string, string?> { ["GIT_TERMINAL_PROMPT"] = "0", ["GIT_LFS_SKIP_SMUDGE"] = "1" },
            timeout: TimeSpan.FromMinutes(5));
        return clone.ExitCode == 0 ? scratch : throw new InvalidOperationException($"git clone failed{(clone.TimedOut ? " (it took more than 5 minutes)" : string.Empty)}; see {scratch}.clone.log.");
    }

    /// <summary>
    /// A name for each submission's output folder: the folder or repository name (owner-name for a URL),
    /// only letters, digits, '.', '-' and '_', made unique by a suffix (-2, -3 …) in the order given.
    /// </summary>
    public static IReadOnlyList<string> UniqueNames(IReadOnlyList<string> targets)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (string target in targets)
        {
            string name = NameOf(target);
            string unique = name;
            for (int n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}-{n}";
            }

            names.Add(unique);
        }

        return names;
    }

    private static string NameOf(string target)
    {
        string trimmed = target.TrimEnd('/', '\\');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^4];
        }

        string[] parts = trimmed.Split('/', '\\', ':');
        bool url = target.Contains("://", StringComparison.Ordinal) || target.StartsWith("git@", StringComparison.Ordinal);
        string raw = url && parts.Length >= 2 ? $"{parts[^2]}-{parts[^1]}" : parts[^1];
        var clean = new StringBuilder();
        foreach (char c in raw)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string name = clean.ToString().Trim('.');
        return name.Length == 0 ? "submission" : name;
    }
}
