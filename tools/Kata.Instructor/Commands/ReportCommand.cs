using System.CommandLine;
using Kata.Instructor.Gradebook;
using Kata.Instructor.Grading;
using Kata.Instructor.Similarity;

namespace Kata.Instructor.Commands;

/// <summary>
/// `kata report` — merges a class's grade folders (one subfolder per submission with its grade.json, or
/// error.txt when it could not be graded) into roster.csv and report.html, and on GitHub Actions into the
/// job summary: the last step of the class workflow, which grades each submission in a job of its own.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "The class's grades: one subfolder per submission, as `./kata grade … --out` or the class workflow's jobs leave them." };
        var submissions = new Option<string?>("--submissions")
        {
            Description = "A file naming the submissions expected, one a line, in roster order: one without a folder becomes a row saying no grade arrived. Default: every subfolder, by name.",
        };
        var (format, students, assignment) = GradebookRequest.Options();
        var command = new Command("report", "Instructors: merge a class's grade.json files into roster.csv and the class report (report.html).")
        {
            folder, submissions, format, students, assignment,
        };
        command.SetAction(parse =>
        {
            GradebookRequest? gradebook = GradebookRequest.From(parse.GetValue(format), parse.GetValue(students), parse.GetValue(assignment), out string? error);
            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return ExitCodes.Usage;
            }

            return Run(parse.GetValue(folder)!, parse.GetValue(submissions), gradebook);
        });
        return command;
    }

    /// <summary>Writes roster.csv and report.html into <paramref name="folder"/> (and the <paramref name="gradebook"/> asked for); returns the exit code.</summary>
    public static int Run(string folder, string? submissionsFile, GradebookRequest? gradebook = null)
    {
        string directory = Path.GetFullPath(folder);
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"{folder}: no such folder; give the folder that holds one subfolder per submission.");
            return ExitCodes.Usage;
        }

        IReadOnlyList<string>? names = null;
        if (submissionsFile is not null)
        {
            if (!File.Exists(submissionsFile))
            {
                Console.Error.WriteLine($"--submissions {submissionsFile}: no such file.");
                return ExitCodes.Usage;
            }

            names = [.. File.ReadLines(submissionsFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Distinct(StringComparer.Ordinal)];
            if (names.FirstOrDefault(n => n != Path.GetFileName(n) || n is "." or "..") is { } bad)
            {
                Console.Error.WriteLine($"--submissions {submissionsFile}: \"{TextEscaping.Plain(bad)}\" is not the name of a folder in {folder}.");
                return ExitCodes.Usage;
            }
        }

        IReadOnlyList<SubmissionOutcome> outcomes = ClassReport.Read(directory, names);
        if (outcomes.Count == 0)
        {
            Console.Error.WriteLine($"{folder} holds no grades: no subfolder with a grade.json or {ClassReport.ErrorFile}.");
            return ExitCodes.Environment;
        }

        string roster = Path.Combine(directory, "roster.csv");
        string report = Path.Combine(directory, "report.html");
        GradeFiles.WriteAtomically(roster, ClassGrading.Roster(outcomes));
        SimilarityReport? similarity = SimilarityInputs.Class(
            KataPaths.Root, outcomes.Where(o => o.Grade is not null).Select(o => (o.Submission.Name, Path.Combine(directory, o.Submission.Name))));
        RegradeReport? regrade = Regrade.Changes(outcomes.Where(o => o.Grade is not null).Select(o => (o.Submission.Name, o.Grade!, Path.Combine(directory, o.Submission.Name))));
        GradeFiles.WriteAtomically(report, ClassReport.Html(outcomes, similarity, regrade));
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            File.AppendAllText(summary, ClassReport.Markdown(outcomes, similarity, regrade));
        }

        int graded = outcomes.Count(o => o.Grade is not null);
        Console.WriteLine($"{outcomes.Count} submissions, {graded} graded, {outcomes.Count(o => o.Grade?.Passed == true)} passed, {outcomes.Count - graded} not graded.");
        Console.WriteLine($"Roster: {roster}");
        Console.WriteLine($"Class report: {report}");
        gradebook?.Write(directory, outcomes, Console.Out);
        if (similarity is not null)
        {
            Console.WriteLine(SimilarityText.Summary(similarity));
        }

        if (regrade is not null)
        {
            Console.Write(regrade.Text(markdown: false));
        }
        return ExitCodes.Ok;
    }
}
