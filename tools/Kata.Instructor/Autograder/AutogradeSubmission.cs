namespace Kata.Instructor.Autograder;

/// <summary>
/// Finds the learner's copy of the kata in what a platform hands the autograder: the folder itself (a
/// repository submitted from GitHub), its one subfolder that has exercises/ (a zip of the folder), or
/// loose files (an upload of LinearAlgebra.cs, Calculus.cs, …), each put where the stub of the same name is.
/// </summary>
public static class AutogradeSubmission
{
    /// <summary>The folder to grade; loose files are laid out in <paramref name="scratch"/>.</summary>
    /// <exception cref="IOException">Nothing in the submission is a file of the kata's; the message says what was there.</exception>
    public static string Locate(string submission, string pristine, string scratch)
    {
        if (Directory.Exists(Path.Combine(submission, "exercises")))
        {
            return submission;
        }

        var nested = Directory.EnumerateDirectories(submission).Where(d => Directory.Exists(Path.Combine(d, "exercises"))).ToList();
        if (nested.Count == 1)
        {
            return nested[0];
        }

        // Loose files: each goes where the kata has a learner file of that name (names are unique in exercises/).
        FileRoles roles = Workspace.RolesOf(pristine);
        var stubs = Workspace.ListFiles(pristine).Keys
            .Where(p => p.StartsWith("exercises/", StringComparison.Ordinal) && roles.IsLearner(p))
            .GroupBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        int placed = 0;
        foreach ((string relative, string full) in Workspace.ListFiles(submission))
        {
            if (stubs.TryGetValue(Path.GetFileName(relative), out string? place))
            {
                string to = Path.Combine(scratch, place);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(full, to, overwrite: true);
                placed++;
            }
        }

        return placed > 0
            ? scratch
            : throw new IOException("The submission holds no file of the kata: submit your repository (or a zip of it), or your files from exercises/ such as LinearAlgebra.cs.");
    }
}
