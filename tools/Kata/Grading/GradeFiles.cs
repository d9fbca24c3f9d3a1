namespace Kata.Cli.Grading;

/// <summary>The files a grade leaves in its folder: grade.json and grade.md, each written whole or not at all.</summary>
public static class GradeFiles
{
    /// <summary>Writes <paramref name="grade"/>'s grade.json and grade.md into <paramref name="folder"/>.</summary>
    public static void Write(string folder, GradeReport grade)
    {
        Directory.CreateDirectory(folder);
        WriteAtomically(Path.Combine(folder, "grade.json"), grade.ToJson());
        WriteAtomically(Path.Combine(folder, "grade.md"), grade.ToMarkdown());
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, string content)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
