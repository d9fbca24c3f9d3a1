namespace Kata.Instructor.Similarity;

/// <summary>The C# files a submission's learner wrote (the learner role of file-roles.json, as grading takes them), by path.</summary>
public sealed record SubmissionCode(string Name, IReadOnlyList<SourceFile> Files)
{
    /// <summary>
    /// The C# files among <paramref name="files"/> (relative path to full path), in path order; an empty file (never
    /// opened: it may be a FIFO) or one above grading's size limit is left out.
    /// </summary>
    public static SubmissionCode Read(string name, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return new SubmissionCode(
            name,
            [
                .. files.Where(f => f.Key.EndsWith(".cs", StringComparison.Ordinal) && new FileInfo(f.Value).Length is > 0 and <= Workspace.MaxSourceBytes)
                    .OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => SourceFile.Parse(f.Key, File.ReadAllText(f.Value))),
            ]);
    }
}
