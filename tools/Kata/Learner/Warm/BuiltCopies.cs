namespace Kata.Cli.Learner.Warm;

/// <summary>
/// Copies of the built assemblies (tests/Kata.Tests/bin/…) that a run's load context loads, one folder per
/// version of each file, never written again. The runtime keeps an image it mapped by its path for as long
/// as any load context that loaded it lives (a collected context goes only when the GC gets to it): loaded
/// again from the same path after a build rewrote the file, it hands back the old code, whose stack traces
/// then lose their lines (the PDB on disk no longer matches). A path per version cannot be stale.
/// </summary>
internal sealed class BuiltCopies(string folder)
{
    private readonly Dictionary<string, (DateTime Written, long Length, string Copy)> _copies = new(StringComparer.Ordinal);

    /// <summary>Forgets the copies of an earlier worker (none of them is mapped by this process).</summary>
    public void Clear()
    {
        _copies.Clear();
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Still mapped by a worker on its way out (Windows): its versions are whole, and are kept.
        }
    }

    /// <summary>The copy of <paramref name="built"/> (an assembly, its PDB beside it) as the file is now.</summary>
    public string Of(string built)
    {
        var info = new FileInfo(built);
        if (_copies.TryGetValue(built, out var known) && known.Written == info.LastWriteTimeUtc && known.Length == info.Length)
        {
            return known.Copy;
        }

        string version = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(built)}-{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}");
        string copy = Path.Combine(version, Path.GetFileName(built));
        if (!File.Exists(copy))
        {
            // Through a temporary folder, so that a copy cut short is never taken for a whole one.
            string temp = version + ".tmp";
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            Directory.CreateDirectory(temp);
            File.Copy(built, Path.Combine(temp, Path.GetFileName(built)));
            string pdb = Path.ChangeExtension(built, ".pdb");
            if (File.Exists(pdb))
            {
                File.Copy(pdb, Path.Combine(temp, Path.GetFileName(pdb)));
            }

            Directory.Move(temp, version);
        }

        _copies[built] = (info.LastWriteTimeUtc, info.Length, copy);
        return copy;
    }
}
