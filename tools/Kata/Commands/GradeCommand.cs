using System.CommandLine;
using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Spectre.Console;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata grade` — grades submissions against pristine tests, in grade mode (every checkpoint and
/// hold-out revealed), and writes grade.json, grade.md and (for several submissions) roster.csv.
/// </summary>
public static class GradeCommand
{
    public static Command Create()
    {
        var submissions = new Argument<string[]>("submission")
        {
            Description = "Folders or git URLs of learners' repositories. Without one: this copy of the kata, graded against its original tests.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var pristine = new Option<string?>("--pristine")
        {
            Description = "Where the original tests come from: a folder, or git:<revision> of this repository. Default: this copy when it has solutions/ (an instructor's copy, hold-outs included), else its first commit (a learner's repository starts as the release).",
        };
        var output = new Option<string?>("--out") { Description = "Folder for grade.json, grade.md and logs. Default: artifacts/grade (one subfolder per submission when there are several)." };
        var only = new Option<int?>("--checkpoint") { Description = "Grade only this checkpoint; the exit code says whether it passes completely (for GitHub Classroom, one step per checkpoint)." };
        var jobs = new Option<int>("--jobs") { Description = "Grade this many submissions at once (default 1). The files written are the same for any number.", DefaultValueFactory = _ => 1 };
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "Grade other people's code without the sandbox, directly on this machine. Only for code you trust: it runs with your files, your network and your permissions." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the final table." };
        var command = new Command("grade", "Grade your code (or learners' submissions) the way CI does: original tests, every checkpoint, grade.json.")
        {
            submissions, pristine, output, only, jobs, noSandbox, quiet,
        };
        command.SetAction(parse => Run(
            parse.GetValue(submissions) ?? [],
            parse.GetValue(pristine),
            parse.GetValue(output),
            parse.GetValue(only),
            parse.GetValue(jobs),
            parse.GetValue(noSandbox),
            parse.GetValue(quiet)));
        return command;
    }

    private static int Run(string[] submissions, string? pristineOption, string? outputOption, int? only, int jobs, bool noSandbox, bool quiet)
    {
        string root = KataPaths.Root;
        var curriculum = Curriculum.Load();
        if (only is int id && curriculum.Find(id) is null)
        {
            Console.Error.WriteLine($"There is no checkpoint {id}; curriculum.json lists {string.Join(", ", curriculum.Checkpoints.Select(c => c.Id))}.");
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
            string pristine = ResolvePristine(root, pristineOption, gradingOthers, out extracted);
            session = ClassGrading.Open(pristine, Path.Combine(root, "artifacts", "cache"), sandboxed: gradingOthers && !noSandbox, progress);
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
                    if (outcome.Grade is not { } grade)
                    {
                        Console.Error.WriteLine($"{TextEscaping.Plain(outcome.Submission.Target)}: {outcome.Error}");
                        return;
                    }

                    if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
                    {
                        File.AppendAllText(summary, grade.ToMarkdown());
                    }

                    PrintTable(grade, Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder, "grade.json")));
                });

            if (targets.Count > 1)
            {
                string roster = Path.Combine(output, "roster.csv");
                ClassGrading.WriteAtomically(roster, ClassGrading.Roster(outcomes));
                string report = Path.Combine(output, "report.html");
                ClassGrading.WriteAtomically(report, ClassReport.Html(outcomes));
                Console.WriteLine($"Roster of {outcomes.Count} submissions: {roster}; class report: {report}");
            }

            if (outcomes.Any(o => o.Grade is null))
            {
                return ExitCodes.Environment;
            }

            var grades = outcomes.Select(o => o.Grade!).ToList();
            return only is int checkpoint
                ? (grades.All(g => g.Checkpoints.Single(c => c.Id == checkpoint) is { Total: > 0 } c && c.Passed == c.Total && g.Rules.Passed) ? ExitCodes.Ok : ExitCodes.NotYet)
                : (grades.All(g => g.Passed) ? ExitCodes.Ok : ExitCodes.NotYet);
        }
        finally
        {
            extracted?.Delete(recursive: true);
        }
    }

    private static string ResolvePristine(string root, string? option, bool gradingOthers, out DirectoryInfo? extracted)
    {
        extracted = null;
        if (option is { } value && !value.StartsWith("git:", StringComparison.Ordinal))
        {
            string folder = Path.GetFullPath(value);
            return File.Exists(Path.Combine(folder, Curriculum.FileName))
                ? folder
                : throw new IOException($"--pristine {value}: no {Curriculum.FileName} there; give the folder of an original copy of the kata.");
        }

        string? revision = option?["git:".Length..];
        if (revision is null && (Directory.Exists(Path.Combine(root, "solutions")) || gradingOthers))
        {
            return root; // An instructor's copy is its own original, hold-outs included; never a submission's history.
        }

        if (revision is null)
        {
            IReadOnlyList<string> roots = Git.Lines(root, "rev-list", "--max-parents=0", "HEAD");
            revision = roots.Count switch
            {
                0 => throw new InvalidOperationException("This copy has no git history to take the original tests from. Clone your repository with its history, or pass --pristine <folder of the original kata>."),
                1 => roots[0],
                _ => throw new InvalidOperationException($"This repository has {roots.Count} first commits (unrelated histories were merged), so its original tests are not certain. Pass --pristine git:<the release commit> or --pristine <folder of the original kata>."),
            };
        }

        extracted = Directory.CreateTempSubdirectory("kata-pristine-");
        Workspace.ExtractCommit(root, revision, extracted.FullName);
        return extracted.FullName;
    }

    private static void PrintTable(GradeReport grade, string jsonPath)
    {
        var table = new Table().Title($"Grade of {Markup.Escape(TextEscaping.Plain(grade.Submission))}");
        table.AddColumns("Checkpoint", "Tests passed", "Points", "Status");
        foreach (CheckpointGrade c in grade.Checkpoints)
        {
            table.AddRow(
                Markup.Escape($"{c.Id}. {c.Title}{(!c.Required ? " (bonus)" : c.InstructorReads ? " (you read it)" : string.Empty)}"),
                $"{c.Passed} / {c.Total}",
                $"{GradeReport.Number(c.Points)} / {c.MaxPoints}{(c.InstructorReads ? " to confirm" : string.Empty)}",
                Markup.Escape(TextEscaping.Plain(c.Status)));
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"MNIST accuracy {GradeReport.Percent(grade.Mnist.Accuracy)} (threshold {GradeReport.Percent(grade.Mnist.Threshold)}); rules {(grade.Rules.Passed ? "hold" : "BROKEN")}; build {(grade.Build.Succeeded ? "ok" : "FAILED")}.");
        foreach (string problem in grade.Rules.Problems)
        {
            Console.WriteLine($"Rule: {TextEscaping.Plain(problem)}");
        }

        foreach (string file in grade.Tampered)
        {
            Console.WriteLine($"Changed, so the original was used for grading: {TextEscaping.Plain(file)}");
        }

        string bonus = grade.MaxBonusScore > 0 ? $", bonus {GradeReport.Number(grade.BonusScore)} / {grade.MaxBonusScore}" : string.Empty;
        Console.WriteLine($"Total: {grade.ScoreText()}{bonus} — {(grade.Passed ? "PASSED" : "NOT PASSED")}. Details: {jsonPath}");
    }
}
