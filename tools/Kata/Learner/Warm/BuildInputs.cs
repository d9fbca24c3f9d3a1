namespace Kata.Cli.Learner.Warm;

/// <summary>
/// The files a build of the tests depends on besides the learner's C# sources and notes: when one of them
/// changed after the last full build, only a full build is sure to be right.
/// </summary>
internal static class BuildInputs
{
    private static readonly string[] RootFiles =
    [
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config",
        "nuget.config", "NeuralNetKata.slnx", ".editorconfig", "curriculum.json", "file-roles.json",
    ];

    // The tests, their support and logger, and the kata's shared code compiled into them; not the tools' own
    // tests or scenarios, which the learner's build never reads.
    private static readonly string[] Folders = ["tests", "tools/Kata.Core"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "scenarios", "Kata.Tools.Tests", "TestResults"];

    /// <summary>The first such file (relative to <paramref name="root"/>) written after <paramref name="since"/>, or null.</summary>
    public static string? ChangedSince(string root, DateTime since)
    {
        IEnumerable<string> files = RootFiles.Select(name => Path.Combine(root, name)).Where(File.Exists)
            .Concat(Folders.Select(folder => Path.Combine(root, folder)).Where(Directory.Exists).SelectMany(Walk))

            // In the learner's folders: anything but the learner's own code and notes (a project file, say).
            .Concat(Walk(Path.Combine(root, "exercises")).Where(path => Path.GetExtension(path) is not (".cs" or ".md")));
        string? changed = files.FirstOrDefault(path => File.GetLastWriteTimeUtc(path) > since);
        return changed is null ? null : Path.GetRelativePath(root, changed).Replace('\\', '/');
    }

    private static IEnumerable<string> Walk(string folder)
    {
        var folders = new Stack<string>([folder]);
        while (folders.TryPop(out string? current))
        {
            string[] files;
            string[] subfolders;
            try
            {
                files = Directory.GetFiles(current);
                subfolders = Directory.GetDirectories(current);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                continue; // removed while we looked: the next look sees the new state
            }

            foreach (string file in files.Where(f => !Path.GetFileName(f).StartsWith('.')))
            {
                yield return file;
            }

            foreach (string sub in subfolders.Where(d => !SkippedFolders.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith('.')))
            {
                folders.Push(sub);
            }
        }
    }
}
