using System.Formats.Tar;
using Kata.Cli.Infrastructure;
using System.Security.Cryptography;

namespace Kata.Cli.Grading;

/// <summary>
/// The folder a submission is graded in: the pristine kata (tests, test support, tools, configuration —
/// from the instructor's copy or the release commit) with only the learner's own source files from the
/// submission's exercises/ laid over its exercises/. Build files, provided files and anything outside
/// the checkpoint folders always come from the pristine copy, so editing a test, a project file or a
/// Directory.Build.props cannot change the grade.
/// </summary>
public sealed class Workspace
{
    // Files a submission may change without it being reported: its own code.
    private static readonly string[] LearnerExtensions = [".cs", ".md"];

    // Folders never copied from anywhere.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "artifacts", ".kata", "TestResults", "node_modules", ".vs", ".idea",
    };

    private Workspace(string root, IReadOnlyList<string> tampered, IReadOnlyList<string> ignored)
    {
        Root = root;
        Tampered = tampered;
        Ignored = ignored;
    }

    /// <summary>The folder to build and test.</summary>
    public string Root { get; }

    /// <summary>Test and configuration files the submission changed, added or deleted (relative paths, sorted).</summary>
    public IReadOnlyList<string> Tampered { get; }

    /// <summary>Files of the submission's exercises/ that grading did not use, with the reason.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>
    /// Builds a fresh workspace at <paramref name="target"/> from the <paramref name="pristine"/> kata and
    /// the <paramref name="submission"/> (a copy of a learner's repository).
    /// </summary>
    public static Workspace Create(string pristine, string submission, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        Dictionary<string, string> pristineFiles = ListFiles(pristine);

        // 1. Everything of the pristine kata except the learner's tracks.
        foreach ((string relative, string full) in pristineFiles)
        {
            if (!relative.StartsWith("solutions/", StringComparison.Ordinal))
            {
                Copy(full, Path.Combine(target, relative));
            }
        }

        // 2. The learner's own source files, only inside the pristine checkpoint folders.
        var ignored = new List<string>();
        Dictionary<string, string> submitted = ListFiles(submission);
        var checkpointFolders = pristineFiles.Keys
            .Where(p => p.StartsWith("exercises/", StringComparison.Ordinal) && p.Count(c => c == '/') >= 2)
            .Select(p => p[..(p.IndexOf('/', "exercises/".Length) + 1)])
            .ToHashSet(StringComparer.Ordinal);
        foreach ((string relative, string full) in submitted.Where(f => f.Key.StartsWith("exercises/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            bool unchanged = pristineFiles.TryGetValue(relative, out string? same) && SameContent(same, full);
            string? reason =
                unchanged ? null
                : !checkpointFolders.Any(folder => relative.StartsWith(folder, StringComparison.Ordinal)) ? "outside the checkpoint folders"
                : !LearnerExtensions.Contains(Path.GetExtension(relative)) ? "not a source file (project and build files come from the original)"
                : pristineFiles.TryGetValue(relative, out string? original) && IsProvided(original) ? "a provided file (the original is used)"
                : null;
            if (reason is not null)
            {
                ignored.Add($"{relative}: {reason}");
            }
            else if (!unchanged)
            {
                Copy(full, Path.Combine(target, relative));
            }
        }

        // 3. What the submission changed among the files that decide the grade.
        var tampered = new List<string>();
        foreach (string relative in pristineFiles.Keys.Union(submitted.Keys).Where(IsGradingFile).Order(StringComparer.Ordinal))
        {
            bool inPristine = pristineFiles.TryGetValue(relative, out string? original);
            bool inSubmission = submitted.TryGetValue(relative, out string? theirs);
            if (inPristine && !inSubmission)
            {
                // A learner's copy never had the instructor's files (hold-outs): their absence is no edit.
                if (!Release.ReleaseExport.IsInstructorOnly(relative))
                {
                    tampered.Add($"{relative} (deleted)");
                }
            }
            else if (!inPristine && inSubmission)
            {
                tampered.Add($"{relative} (added)");
            }
            else if (!SameContent(original!, theirs!))
            {
                tampered.Add($"{relative} (modified)");
            }
        }

        return new Workspace(target, tampered, ignored);
    }

    /// <summary>
    /// Extracts commit <paramref name="revision"/> of the git repository at <paramref name="repository"/>
    /// into <paramref name="target"/> (the pristine copy of a learner's repository is its first commit).
    /// </summary>
    public static void ExtractCommit(string repository, string revision, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        byte[] archive = Git.Run(repository, "archive", "--format=tar", revision)
            ?? throw new InvalidOperationException($"git archive {revision} failed in {repository}: is it a commit of this repository?");
        using var tar = new MemoryStream(archive);
        TarFile.ExtractToDirectory(tar, target, overwriteFiles: true);
    }

    /// <summary>Tests, test support (with the Kata.Core sources it compiles) and the configuration that decide a grade.</summary>
    private static bool IsGradingFile(string relative) =>
        relative.StartsWith("tests/", StringComparison.Ordinal)
        || relative.StartsWith("tools/Kata.Core/", StringComparison.Ordinal)
        || relative is "curriculum.json" or "global.json" or "NeuralNetKata.slnx"
            or "Directory.Build.props" or "Directory.Build.targets" or "Directory.Packages.props";

    private static bool IsProvided(string path) =>
        path.EndsWith(".cs", StringComparison.Ordinal) && File.ReadLines(path).FirstOrDefault()?.StartsWith("// PROVIDED", StringComparison.Ordinal) == true;

    private static bool SameContent(string a, string b) =>
        SHA256.HashData(File.ReadAllBytes(a)).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(b)));

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    // Every file below root except build output, caches and git internals, keyed by its relative path with '/'.
    private static Dictionary<string, string> ListFiles(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out string? dir))
        {
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)) && !IsIgnoredCache(root, sub))
                {
                    pending.Push(sub);
                }
            }

            foreach (string file in Directory.EnumerateFiles(dir))
            {
                files[Path.GetRelativePath(root, file).Replace('\\', '/')] = file;
            }
        }

        return files;
    }

    // The MNIST cache and other downloaded data never belong to a workspace.
    private static bool IsIgnoredCache(string root, string dir) =>
        Path.GetRelativePath(root, dir).Replace('\\', '/') is "data" or ".cache";
}
