using System.Text;
using Kata.Instructor.Grading;

namespace Kata.Instructor.Gradebook;

/// <summary>
/// The class's grades as a CSV file an LMS imports as it is (docs/class-tools.md says where each format is
/// documented): one row per student of the students file whose submission was graded, the points being the
/// grade's score plus its bonus (checkpoint 5's points wait for the instructor's reading and are not in it).
/// Submissions that are not in the students file are named, never guessed.
/// </summary>
public static class GradebookExport
{
    /// <summary>The file's name beside roster.csv.</summary>
    public static string FileName(GradebookFormat format) => $"gradebook-{format.ToString().ToLowerInvariant()}.csv";

    /// <summary>
    /// The CSV for <paramref name="outcomes"/>, in roster order; <paramref name="unmatched"/> gets the
    /// submissions the students file does not list.
    /// </summary>
    public static string Csv(GradebookFormat format, IReadOnlyList<SubmissionOutcome> outcomes, IReadOnlyDictionary<string, StudentRecord> students, string assignment, out IReadOnlyList<string> unmatched)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(students);
        unmatched = [.. outcomes.Select(o => o.Submission.Name).Where(n => !students.ContainsKey(n))];
        var graded = outcomes.Where(o => students.ContainsKey(o.Submission.Name)).ToList();
        int possible = outcomes.Select(o => o.Grade?.MaxScore).FirstOrDefault(m => m is not null) ?? 0;
        var csv = new StringBuilder();
        switch (format)
        {
            case GradebookFormat.Canvas:
                // The header of Canvas's own export, then its "Points Possible" row (the name indented by
                // four spaces, as Canvas writes it), then one row per student. Canvas matches a row on ID,
                // SIS User ID or SIS Login ID, and an assignment column on its name, e.g. "Kata (1234)".
                csv.Append("Student,ID,SIS User ID,SIS Login ID,Section,").Append(TextEscaping.Csv(assignment)).Append('\n');
                csv.Append("    Points Possible,,,,,").Append(possible).Append('\n');
                foreach (SubmissionOutcome o in graded)
                {
                    StudentRecord s = students[o.Submission.Name];
                    csv.Append(string.Join(',', new[] { s.Student, s.Id, s.SisUserId, s.SisLoginId, s.Section }.Select(TextEscaping.Csv)))
                        .Append(',').Append(Points(o)).Append('\n');
                }

                break;
            case GradebookFormat.Moodle:
                // Moodle maps a column to a user field (e-mail address or ID number) and one to the grade item
                // when the file is imported.
                csv.Append("Email address,ID number,").Append(TextEscaping.Csv(assignment)).Append('\n');
                foreach (SubmissionOutcome o in graded)
                {
                    StudentRecord s = students[o.Submission.Name];
                    csv.Append(TextEscaping.Csv(s.Email)).Append(',').Append(TextEscaping.Csv(s.SisUserId)).Append(',').Append(Points(o)).Append('\n');
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "not a gradebook format");
        }

        return csv.ToString();
    }

    // Score and bonus; empty for a submission that was not graded (an LMS leaves an empty cell as it was).
    private static string Points(SubmissionOutcome o) => o.Grade is { } g ? GradeReport.Number(g.Score + g.BonusScore) : string.Empty;
}
