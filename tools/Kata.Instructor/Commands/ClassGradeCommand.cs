using System.CommandLine;
using Kata.Cli.Commands;
using Kata.Instructor.Gradebook;
using Kata.Instructor.Grading;
using Kata.Instructor.Similarity;

namespace Kata.Instructor.Commands;

/// <summary>
/// `kata grade` in the instructor's copy: the learner's command (this copy against its original tests)
/// plus a class — submissions by folder or git URL, in the sandbox, several at a time — with each
/// submission's grade.json and grade.md, roster.csv and the class report.
/// </summary>
public static class ClassGradeCommand
{
    public static Command Create()
    {
        var submissions = new Argument<string[]>("submission")
        {
            Description = "Folders or git URLs of learners' repositories. Without one: this copy of the kata, graded against its original tests.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var pristine = GradeCommand.PristineOption("this copy when it has solutions/ (an instructor's copy, hold-outs included), else its first commit (a learner's repository starts as the release).");
        var output = new Option<string?>("--out") { Description = "Folder for grade.json, grade.md and logs. Default: artifacts/grade (one subfolder per submission when there are several)." };
        var only = GradeCommand.CheckpointOption();
        var jobs = new Option<int>("--jobs") { Description = "Grade this many submissions at once (default 1). The files written are the same for any number.", DefaultValueFactory = _ => 1 };
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "Grade other people's code without the sandbox, directly on this machine. Only for code you trust: it runs with your files, your network and your permissions." };
        var quiet = GradeCommand.QuietOption();
        var (format, students, assignment) = GradebookRequest.Options();
        var command = new Command("grade", "Grade your code (or learners' submissions) the way CI does: original tests, every checkpoint, grade.json.")
        {
            submissions, pristine, output, only, jobs, noSandbox, quiet, format, students, assignment,
        };
        command.SetAction(parse =>
        {
            GradebookRequest? gradebook = GradebookRequest.From(parse.GetValue(format), parse.GetValue(students), parse.GetValue(assignment), out string? error);
            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return ExitCodes.Usage;
            }

            return Run(
                parse.GetValue(submissions) ?? [],
                parse.GetValue(pristine),
                parse.GetValue(output),
                parse.GetValue(only),
                parse.GetValue(jobs),
                parse.GetValue(noSandbox),
                parse.GetValue(quiet),
                gradebook);
        });
        return command;
    }

    private static int Run(string[] submissions, string? pristineOption, string? outputOption, int? only, int jobs, bool noSandbox, bool quiet, GradebookRequest? gradebook)
    {
        string root = KataPaths.Root;
        if (GradeCommand.UnknownCheckpoint(Curriculum.Load(), only) is { } unknown)
        {
            Console.Error.WriteLine(unknown);
            return ExitCodes.Usage;
        }

        if (jobs < 1)
        {
            Console.Error.WriteLine($"--jobs needs a number of at least 1 (got {jobs}).");
            return ExitCodes.Usage;
        }

        string output = Path.GetFullPath(outputOption ?? Path.Combine(root, "artifacts", "grade"));
        TextWriter progress = quiet ? TextWriter.Null : Console.Out;
        bool gradingOthers = submissions.Length > 0;

        GradingSession session;
        DirectoryInfo? extracted = null;
        try
        {
            string pristine = GradeCommand.ResolvePristine(root, pristineOption, gradingOthers, out extracted);
            session = GradingSession.Open(pristine, Path.Combine(root, "artifacts", "cache"), sandboxed: gradingOthers && !noSandbox, progress);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException)
        {
            Console.Error.WriteLine(error.Message);
            extracted?.Delete(recursive: true);
            return ExitCodes.Environment;
        }

        try
        {
            IReadOnlyList<SubmissionTarget> targets = gradingOthers
                ? [.. Submission.UniqueNames(submissions).Zip(submissions, (name, target) => new SubmissionTarget(name, target))]
                : [new SubmissionTarget(Path.GetFileName(root.TrimEnd('/')), root)];
            IReadOnlyList<SubmissionOutcome> outcomes = ClassGrading.GradeAll(
                session,
                targets,
                name => targets.Count <= 1 ? output : Path.Combine(output, name),
                only,
                jobs,
                progress,
                (outcome, folder) =>
                {
                    if (outcome.Grade is { } grade)
                    {
                        GradeCommand.Report(grade, folder);
                    }
                    else
                    {
                        Console.Error.WriteLine($"{TextEscaping.Plain(outcome.Submission.Target)}: {outcome.Error}");
                    }
                },
                classRun: gradingOthers);

            if (targets.Count > 1)
            {
                string roster = Path.Combine(output, "roster.csv");
                GradeFiles.WriteAtomically(roster, ClassGrading.Roster(outcomes));
                string report = Path.Combine(output, "report.html");
                SimilarityReport? similarity = SimilarityInputs.Class(
                    session.Pristine, outcomes.Where(o => o.Grade is not null).Select(o => (o.Submission.Name, Path.Combine(output, o.Submission.Name))));
                RegradeReport? regrade = Regrade.Changes(outcomes.Where(o => o.Grade is not null).Select(o => (o.Submission.Name, o.Grade!, Path.Combine(output, o.Submission.Name))));
                GradeFiles.WriteAtomically(report, ClassReport.Html(outcomes, similarity, regrade));
                Console.WriteLine($"Roster of {outcomes.Count} submissions: {roster}; class report: {report}");
                gradebook?.Write(output, outcomes, Console.Out);
                if (similarity is not null)
                {
                    Console.WriteLine(SimilarityText.Summary(similarity) + " (./kata similar " + output + " shows the fragments)");
                }

                if (regrade is not null)
                {
                    Console.Write(regrade.Text(markdown: false));
                }
            }

            return outcomes.Any(o => o.Grade is null) ? ExitCodes.Environment : GradeCommand.ExitCode(outcomes.Select(o => o.Grade!), only);
        }
        finally
        {
            extracted?.Delete(recursive: true);
        }
    }
}
