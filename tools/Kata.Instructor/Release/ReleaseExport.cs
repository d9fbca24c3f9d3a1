using System.Text.RegularExpressions;

namespace Kata.Instructor.Release;

/// <summary>
/// The learner release: the repository a learner receives (for example a GitHub Classroom template).
/// It is this repository minus every file file-roles.json calls the instructor's (solutions/, every
/// HoldOut folder, the instructor's and maintainer's tools, CI and workflows) and minus the README's
/// instructor-only sections.
/// </summary>
public static partial class ReleaseExport
{
    /// <summary>
    /// Writes the learner release of the kata at <paramref name="root"/> into <paramref name="target"/>
    /// (which must not exist or be empty). With <paramref name="initGit"/> the release becomes a git
    /// repository with one commit — the commit a learner's grading treats as the original.
    /// </summary>
    public static IReadOnlyList<string> Export(string root, string target, bool initGit)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target} is not empty; give a new folder for the release.");
        }

        var written = new List<string>();
        FileRoles roles = FileRoles.Load(root);
        foreach (string relative in TrackedFiles(root).Where(f => !roles.IsInstructorOnly(f)).Order(StringComparer.Ordinal))
        {
            string from = Path.Combine(root, relative);
            string to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (relative.EndsWith(".md", StringComparison.Ordinal))
            {
                File.WriteAllText(to, StripInstructorSections(File.ReadAllText(from)));
            }
            else
            {
                File.Copy(from, to);
            }

            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
            }

            written.Add(relative);
        }

        if (initGit)
        {
            string log = Path.Combine(Path.GetTempPath(), $"kata-release-git-{Environment.ProcessId}.log");
            foreach (string[] command in (string[][])
            [
                ["init", "--quiet", "--initial-branch=main"],
                ["add", "--all"],
                ["-c", "user.name=Neural Net Kata", "-c", "user.email=kata@example.invalid", "commit", "--quiet", "-m", "Neural Net from Scratch — learner release"],
            ])
            {
                if (ProcessRunner.Run("git", command, target, log).ExitCode != 0)
                {
                    throw new InvalidOperationException($"git {string.Join(' ', command)} failed in {target}; see {log}.");
                }
            }
        }

        return written;
    }

    /// <summary>Removes every <c>&lt;!-- instructor-only --&gt; … &lt;!-- /instructor-only --&gt;</c> section.</summary>
    public static string StripInstructorSections(string markdown) => InstructorSection().Replace(markdown, string.Empty);

    /// <summary>The files of the repository: tracked by git plus new ones git does not ignore.</summary>
    public static IReadOnlyList<string> TrackedFiles(string root)
    {
        string log = Path.Combine(Path.GetTempPath(), $"kata-ls-files-{Environment.ProcessId}-{Guid.NewGuid():N}.log"); // two calls of one process at once each get their own
        try
        {
            ProcessResult result = ProcessRunner.Run("git", ["ls-files", "--cached", "--others", "--exclude-standard"], root, log);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("The release export needs the kata's git repository (git ls-files failed).");
            }

            return [.. File.ReadAllLines(log).Where(l => l.Length > 0 && File.Exists(Path.Combine(root, l)))];
        }
        finally
        {
            File.Delete(log);
        }
    }

    [GeneratedRegex(@"<!-- instructor-only -->.*?<!-- /instructor-only -->\n?", RegexOptions.Singleline)]
    private static partial Regex InstructorSection();
}
