namespace Kata.Cli.Infrastructure;

/// <summary>
/// Remembers a good build in a small stamp file, so that a program is built again only when one of its
/// inputs changed: an MSBuild run that finds nothing to do still costs seconds. The stamp holds what was
/// built (e.g. the track), so building something else in the same output folder makes it stale.
/// </summary>
public static class BuildStamp
{
    private static readonly string[] BuildOutput = ["bin", "obj"];

    /// <summary>
    /// True when <paramref name="stamp"/> records <paramref name="what"/> and no file under
    /// <paramref name="inputs"/> (files or folders; build output, hidden folders and missing paths are
    /// skipped) was written after it.
    /// </summary>
    public static bool IsFresh(string stamp, string what, IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!File.Exists(stamp) || File.ReadAllText(stamp).Trim() != what)
        {
            return false;
        }

        DateTime built = File.GetLastWriteTimeUtc(stamp);
        return !inputs.SelectMany(Files).Any(file => File.GetLastWriteTimeUtc(file) > built);
    }

    /// <summary>Records a good build of <paramref name="what"/>.</summary>
    public static void Write(string stamp, string what)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(stamp)!);
        File.WriteAllText(stamp, what);
    }

    private static IEnumerable<string> Files(string path)
    {
        if (File.Exists(path))
        {
            yield return path;
            yield break;
        }

        if (!Directory.Exists(path))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(path))
        {
            yield return file;
        }

        foreach (string folder in Directory.EnumerateDirectories(path)
                     .Where(d => !BuildOutput.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith('.')))
        {
            foreach (string file in Files(folder))
            {
                yield return file;
            }
        }
    }
}
