using Kata.Instructor.Grading;

namespace Kata.Instructor.Similarity;

/// <summary>
/// Finds the learner code to compare. A class's grade folder (what <c>./kata grade … --out</c> writes) keeps
/// each submission's code in <c>NAME/code/</c>; a learner's copy of the kata gives the files grading would
/// take from it (<see cref="Workspace.LearnerFiles"/>).
/// </summary>
public static class SimilarityInputs
{
    /// <summary>The folder of a grade that keeps the learner files the grade took, as exercises/….</summary>
    public const string CodeFolder = "code";

    /// <summary>
    /// The code of each of <paramref name="paths"/>: a grade folder (with <c>code/</c>), a learner's copy of
    /// the kata (with <c>exercises/</c>), or a class's grades (every subfolder that is a grade folder).
    /// Names are the folders' names, made unique in the order given.
    /// </summary>
    /// <exception cref="IOException">A path is none of these; the message says which.</exception>
    public static IReadOnlyList<SubmissionCode> Read(IReadOnlyList<string> paths, string pristine)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new List<(string Folder, Func<IReadOnlyDictionary<string, string>> Files)>();
        foreach (string path in paths)
        {
            string folder = Path.GetFullPath(path);
            if (!Directory.Exists(folder))
            {
                throw new IOException($"{path}: no such folder; give grade folders, a class's grades or learners' copies of the kata.");
            }

            if (IsGrade(folder))
            {
                found.Add((folder, () => CodeOf(folder)));
            }
            else if (Directory.Exists(Path.Combine(folder, "exercises")))
            {
                found.Add((folder, () => Workspace.LearnerFiles(pristine, folder)));
            }
            else if (Directory.EnumerateDirectories(folder).Where(IsGrade).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } grades)
            {
                found.AddRange(grades.Select(g => (g, (Func<IReadOnlyDictionary<string, string>>)(() => CodeOf(g)))));
            }
            else
            {
                throw new IOException($"{path}: neither a grade folder (with {CodeFolder}/), nor a class's grades, nor a copy of the kata (with exercises/).");
            }
        }

        IReadOnlyList<string> names = Submission.UniqueNames([.. found.Select(f => f.Folder)]);
        return [.. found.Select((f, i) => SubmissionCode.Read(names[i], f.Files()))];
    }

    /// <summary>
    /// The class's graded submissions compared, from the code their grade folders kept
    /// (each with its folder); null when fewer than two were graded.
    /// </summary>
    public static SimilarityReport? Class(string pristine, IEnumerable<(string Name, string Folder)> graded)
    {
        ArgumentNullException.ThrowIfNull(graded);
        var code = graded.Select(g => SubmissionCode.Read(g.Name, CodeOf(g.Folder))).ToList();
        return code.Count < 2 ? null : SimilarityCheck.Compare(code, Pristine(pristine), SimilaritySettings.Default);
    }

    /// <summary>The stubs and provided files of the kata at <paramref name="pristine"/>: what every submission starts from.</summary>
    public static IReadOnlyList<SourceFile> Pristine(string pristine) =>
    [
        .. Workspace.ListFiles(Path.Combine(pristine, "exercises"))
            .Where(f => f.Key.EndsWith(".cs", StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => SourceFile.Parse("exercises/" + f.Key, File.ReadAllText(f.Value))),
    ];

    /// <summary>The learner files a grade kept (<c>code/</c>), by their path in the kata.</summary>
    public static IReadOnlyDictionary<string, string> CodeOf(string gradeFolder)
    {
        string code = Path.Combine(gradeFolder, CodeFolder);
        return Directory.Exists(code) ? Workspace.ListFiles(code) : new Dictionary<string, string>();
    }

    /// <summary>
    /// Keeps in <paramref name="gradeFolder"/>/code/ the learner files grading takes from
    /// <paramref name="submission"/>, in place of any kept before.
    /// </summary>
    public static void Keep(string pristine, string submission, string gradeFolder)
    {
        string code = Path.Combine(gradeFolder, CodeFolder);
        if (Directory.Exists(code))
        {
            Directory.Delete(code, recursive: true);
        }

        foreach ((string relative, string full) in Workspace.LearnerFiles(pristine, submission))
        {
            string to = Path.Combine(code, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (new FileInfo(full).Length == 0)
            {
                File.WriteAllBytes(to, []); // never opened: it may be a FIFO that looks empty
            }
            else
            {
                File.Copy(full, to);
            }
        }
    }

    private static bool IsGrade(string folder) =>
        File.Exists(Path.Combine(folder, "grade.json")) || Directory.Exists(Path.Combine(folder, CodeFolder));
}
