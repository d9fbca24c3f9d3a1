using System.CommandLine;
using Kata.Instructor.Grading;

namespace Kata.Instructor.Gradebook;

/// <summary>
/// What <c>--format</c>, <c>--students</c> and <c>--assignment</c> ask of <c>./kata grade</c> and
/// <c>./kata report</c>: a gradebook file beside roster.csv.
/// </summary>
public sealed record GradebookRequest(GradebookFormat Format, IReadOnlyDictionary<string, StudentRecord> Students, string Assignment)
{
    /// <summary>The assignment's column when <c>--assignment</c> is not given.</summary>
    public const string DefaultAssignment = "Neural Net kata";

    /// <summary>The three options, for a command to add.</summary>
    public static (Option<string?> Format, Option<string?> Students, Option<string?> Assignment) Options() =>
    (
        new Option<string?>("--format") { Description = "Also write the grades for an LMS's gradebook beside roster.csv: canvas (Canvas's gradebook import, gradebook-canvas.csv) or moodle (Moodle's CSV grade import, gradebook-moodle.csv). Needs --students." },
        new Option<string?>("--students") { Description = "A CSV naming each submission's student for the gradebook: a column \"submission\" and any of Student, ID, SIS User ID, SIS Login ID, Section, Email (Canvas's column names)." },
        new Option<string?>("--assignment") { Description = $"The gradebook column of the grades (default \"{DefaultAssignment}\"); Canvas matches an existing assignment by its name with its id, e.g. \"Neural net (1234)\"." }
    );

    /// <summary>The request on the command line, null when none; <paramref name="error"/> says what is wrong with it.</summary>
    public static GradebookRequest? From(string? format, string? students, string? assignment, out string? error)
    {
        error = null;
        if (format is null)
        {
            error = students is null && assignment is null ? null : "--students and --assignment go with --format canvas or --format moodle.";
            return null;
        }

        if (!Enum.TryParse(format, ignoreCase: true, out GradebookFormat chosen) || !Enum.IsDefined(chosen) || int.TryParse(format, out _))
        {
            error = $"--format {format}: the gradebooks are canvas and moodle.";
            return null;
        }

        if (students is null)
        {
            error = $"--format {format} needs --students FILE, which says which student each submission is.";
            return null;
        }

        try
        {
            return new GradebookRequest(chosen, StudentsFile.Read(students), assignment ?? DefaultAssignment);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error = $"--students {students}: {e.Message}";
            return null;
        }
    }

    /// <summary>Writes the gradebook file into <paramref name="folder"/> and says so (and which submissions it could not place).</summary>
    public string Write(string folder, IReadOnlyList<SubmissionOutcome> outcomes, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        string path = Path.Combine(folder, GradebookExport.FileName(Format));
        GradeFiles.WriteAtomically(path, GradebookExport.Csv(Format, outcomes, Students, Assignment, out IReadOnlyList<string> unmatched));
        log.WriteLine($"Gradebook ({Format.ToString().ToLowerInvariant()}): {path}");
        if (unmatched.Count > 0)
        {
            log.WriteLine($"Not in the gradebook, as the students file does not list them: {string.Join(", ", unmatched.Select(TextEscaping.Plain))}.");
        }

        return path;
    }
}
