using System.Formats.Tar;
using System.Security.Cryptography;
using Kata.Cli.Infrastructure;

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
    /// <summary>The largest learner source file grading reads.</summary>
    public const long MaxSourceBytes = 1 << 20;

    /// <summary>Files above this size are compared by size only, never read.</summary>
    private const long MaxComparedBytes = 64L << 20;

    /// <summary>More files than this in a submission is not a kata.</summary>
    public const int MaxFiles = 20_000;

    // Folders never copied from anywhere.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "artifacts", ".kata", "TestResults", "node_modules", ".vs", ".idea",
    };

    // Written in the workspace's obj/ after a build whose restore succeeded (build output: no grade lists,
    // copies or deletes it); deleted whenever a file other than a C# source changes there.
    private const string RestoredMarker = "obj/kata.restored";

    // Written in the workspace's obj/ after a build that succeeded; deleted whenever any file changes there.
    private const string BuiltMarker = "obj/kata.built";

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
    /// True when an earlier build restored this folder's packages and, since then, only C# sources
    /// changed: what a restore reads (project, props and targets files, NuGet's and the SDK's settings)
    /// all comes from the pristine kata, so the build may skip it (<c>--no-restore</c>, a second and a half
    /// of each grade). A learner's sources never change a restore.
    /// </summary>
    public bool Restored => File.Exists(Path.Combine(Root, RestoredMarker));

    /// <summary>
    /// True when the last build here succeeded and no file changed since: its output is this grade's (the
    /// sandbox sees the folder read-only, so nothing a test ran has changed it), and a build would only
    /// check that (a few seconds of each grade graded twice in a row, as an attack with the allowlist
    /// switched off after its refused grade).
    /// </summary>
    public bool Built => File.Exists(Path.Combine(Root, BuiltMarker));

    /// <summary>Says that this folder's build succeeded (see <see cref="Built"/> and <see cref="Restored"/>).</summary>
    public void MarkBuilt()
    {
        foreach (string marker in (string[])[RestoredMarker, BuiltMarker])
        {
            string path = Path.Combine(Root, marker);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, []);
        }
    }

    /// <summary>
    /// Makes the workspace at <paramref name="target"/> from the <paramref name="pristine"/> kata and the
    /// <paramref name="submission"/> (a copy of a learner's repository). The folder may hold an earlier
    /// grade's workspace (<see cref="WorkspacePool"/>): its build output stays, every other file becomes
    /// exactly what this grade needs — files that differ are written with a fresh time stamp (so MSBuild
    /// rebuilds what they feed, even where the submission's file is older than the last build), files this
    /// grade does not have are deleted, and identical files are left alone (so what they feed need not be
    /// rebuilt).
    /// </summary>
    public static Workspace Create(string pristine, string submission, string target)
    {
        Directory.CreateDirectory(target);
        FileRoles roles = RolesOf(pristine);
        Dictionary<string, string> pristineFiles = ListFiles(pristine);

        // 1. Everything of the pristine kata except the learner's tracks.
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string relative, string full) in pristineFiles)
        {
            if (!roles.IsSolutions(relative))
            {
                wanted[relative] = full;
            }
        }

        // 2. The learner's own source files, only inside the pristine checkpoint folders. Links and special
        //    files (a FIFO, /dev/zero) are never followed or read: they are named and left out.
        Dictionary<string, string> submitted = ListFiles(submission, out IReadOnlyList<string> notFiles);
        (Dictionary<string, string> taken, List<string> ignored) = Take(pristineFiles, submitted, roles);
        ignored.InsertRange(0, notFiles.Select(f => $"{f}: a symbolic link or special file, not a plain file (grading never follows links; commit the file itself)"));
        foreach ((string relative, string full) in taken)
        {
            wanted[relative] = full;
        }

        List<string> changed = Synchronize(target, wanted);
        foreach ((string marker, bool stale) in (ReadOnlySpan<(string, bool)>)[
            (BuiltMarker, changed.Count > 0),
            (RestoredMarker, changed.Any(relative => !relative.EndsWith(".cs", StringComparison.Ordinal)))])
        {
            if (stale && File.Exists(Path.Combine(target, marker)))
            {
                File.Delete(Path.Combine(target, marker));
            }
        }

        // 3. What the submission changed among the files that decide the grade.
        var tampered = new List<string>();
        foreach (string relative in pristineFiles.Keys.Union(submitted.Keys).Where(roles.IsGradingFile).Order(StringComparer.Ordinal))
        {
            bool inPristine = pristineFiles.TryGetValue(relative, out string? original);
            bool inSubmission = submitted.TryGetValue(relative, out string? theirs);
            if (inPristine && !inSubmission)
            {
                // A learner's copy never had the instructor's files (hold-outs): their absence is no edit.
                if (!roles.IsInstructorOnly(relative))
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
    /// The learner's files of <paramref name="submission"/> that grading lays over the <paramref name="pristine"/>
    /// kata, by relative path: source files inside the checkpoint folders that differ from the original,
    /// no provided file, none larger than <see cref="MaxSourceBytes"/>, no link. What a grade took from the
    /// submission, and all a comparison of submissions needs.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LearnerFiles(string pristine, string submission) =>
        Take(ListFiles(pristine), ListFiles(submission), RolesOf(pristine)).Taken;

    // The submission's files under exercises/ that grading uses, and the others with the reason.
    private static (Dictionary<string, string> Taken, List<string> Ignored) Take(Dictionary<string, string> pristineFiles, Dictionary<string, string> submitted, FileRoles roles)
    {
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
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
                : !roles.IsLearner(relative) ? "not a source file (project and build files come from the original)"
                : new FileInfo(full).Length > MaxSourceBytes ? $"larger than {MaxSourceBytes >> 20} MiB, too large for a source file"
                : pristineFiles.TryGetValue(relative, out string? original) && IsProvided(original) ? "a provided file (the original is used)"
                : null;
            if (reason is not null)
            {
                ignored.Add($"{relative}: {reason}");
            }
            else if (!unchanged)
            {
                taken[relative] = full;
            }
        }

        return (taken, ignored);
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

    /// <summary>
    /// The file roles of the <paramref name="pristine"/> kata; a release older than the manifest (a
    /// learner's first commit from before it) takes this copy's.
    /// </summary>
    public static FileRoles RolesOf(string pristine) =>
        FileRoles.Load(File.Exists(Path.Combine(pristine, FileRoles.FileName)) ? pristine : null);

    private static bool IsProvided(string path) =>
        path.EndsWith(".cs", StringComparison.Ordinal) && File.ReadLines(path).FirstOrDefault()?.StartsWith("// PROVIDED", StringComparison.Ordinal) == true;

    private static bool SameContent(string a, string b)
    {
        long length = new FileInfo(a).Length;
        if (length != new FileInfo(b).Length || length > MaxComparedBytes)
        {
            return false;
        }

        if (length == 0)
        {
            return true;
        }

        using FileStream first = File.OpenRead(a), second = File.OpenRead(b);
        return SHA256.HashData(first).AsSpan().SequenceEqual(SHA256.HashData(second));
    }

    /// <summary>
    /// Makes the files of <paramref name="target"/> (build output, caches and git internals aside) exactly
    /// <paramref name="wanted"/>'s (relative path → source file): files that differ are written with a fresh
    /// time stamp, the others deleted, identical ones left alone, so that a build there compiles only what changed.
    /// Returns the relative paths it wrote or deleted.
    /// </summary>
    internal static List<string> Synchronize(string target, Dictionary<string, string> wanted)
    {
        var changed = new List<string>();
        foreach ((string relative, string full) in ListFiles(target))
        {
            if (!wanted.ContainsKey(relative))
            {
                File.Delete(full);
                changed.Add(relative);
            }
        }

        foreach ((string relative, string from) in wanted)
        {
            string to = Path.Combine(target, relative);
            if (!File.Exists(to) || new FileInfo(to).LinkTarget is not null || !SameContent(from, to))
            {
                Copy(from, to);
                changed.Add(relative);
            }
        }

        return changed;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Delete(to);
        if (new FileInfo(from).Length == 0)
        {
            File.WriteAllBytes(to, []); // never opened: it may be a FIFO or a device that looks empty
        }
        else
        {
            File.Copy(from, to);
        }

        // File.Copy keeps the source's time stamp, which may be older than the last build of this folder:
        // MSBuild would then keep the previous grade's assembly. Written now, it is newer than any output.
        File.SetLastWriteTimeUtc(to, DateTime.UtcNow);
    }

    /// <summary>Every file below <paramref name="root"/> except build output, caches and git internals, keyed by its relative path with '/'.</summary>
    public static Dictionary<string, string> ListFiles(string root) => ListFiles(root, out _);

    /// <summary>
    /// Every plain file below <paramref name="root"/> (as <see cref="ListFiles(string)"/>); symbolic links and
    /// special files (FIFOs, devices, sockets) are neither followed nor listed but returned in
    /// <paramref name="notFiles"/>.
    /// </summary>
    /// <exception cref="IOException">The tree holds more than <see cref="MaxFiles"/> files, or cannot be read.</exception>
    public static Dictionary<string, string> ListFiles(string root, out IReadOnlyList<string> notFiles)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out string? dir))
        {
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                if (new DirectoryInfo(sub).LinkTarget is not null)
                {
                    skipped.Add(Relative(root, sub));
                }
                else if (!SkippedFolders.Contains(Path.GetFileName(sub)) && !IsIgnoredCache(root, sub))
                {
                    pending.Push(sub);
                }
            }

            foreach (string file in Directory.EnumerateFiles(dir))
            {
                if (!IsPlainFile(file))
                {
                    skipped.Add(Relative(root, file));
                }
                else if (files.Count >= MaxFiles)
                {
                    throw new IOException($"{root} holds more than {MaxFiles:N0} files; a copy of the kata has a few hundred.");
                }
                else
                {
                    files[Relative(root, file)] = file;
                }
            }
        }

        skipped.Sort(StringComparer.Ordinal);
        notFiles = skipped;
        return files;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    // Not a symbolic link. (FIFOs, devices and sockets look like empty files; grading never opens an empty
    // file — Copy writes an empty one — so they cannot block or stream without end.)
    private static bool IsPlainFile(string path) => new FileInfo(path).LinkTarget is null;

    // The MNIST cache and other downloaded data never belong to a workspace.
    private static bool IsIgnoredCache(string root, string dir) =>
        Path.GetRelativePath(root, dir).Replace('\\', '/') is "data" or ".cache";
}
