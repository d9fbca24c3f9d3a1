namespace Kata.Core;

/// <summary>Where things are in a copy of the kata.</summary>
public static class KataPaths
{
    private static readonly Lazy<string> LazyRoot = new(() => FindRoot(AppContext.BaseDirectory)
        ?? FindRoot(Directory.GetCurrentDirectory())
        ?? throw new DirectoryNotFoundException(
            $"Could not find the kata's root folder (the one holding {Curriculum.FileName}) above {AppContext.BaseDirectory}. Run this from inside your copy of the kata."));

    /// <summary>The repository root: the nearest folder above the running program that holds curriculum.json.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The folder for the learner's local state (progress, hint counters); git-ignored.</summary>
    public static string StateDirectory => Path.Combine(Root, ".kata");

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds curriculum.json, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Curriculum.FileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
