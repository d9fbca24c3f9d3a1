using System.CommandLine;
using System.Globalization;
using System.Text;
using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Kata.Core;
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
        var quiet = new Option<bool>("--quiet") { Description = "Print only the final table." };
        var command = new Command("grade", "Grade your code (or learners' submissions) the way CI does: original tests, every checkpoint, grade.json.")
        {
            submissions, pristine, output, only, quiet,
        };
        command.SetAction(parse => Run(
            parse.GetValue(submissions) ?? [],
            parse.GetValue(pristine),
            parse.GetValue(output),
            parse.GetValue(only),
            parse.GetValue(quiet)));
        return command;
    }

    private static int Run(string[] submissions, string? pristineOption, string? outputOption, int? only, bool quiet)
    {
        string root = KataPaths.Root;
        var curriculum = Curriculum.Load();
        if (only is int id && curriculum.Find(id) is null)
        {
            Console.Error.WriteLine($"There is no checkpoint {id}; curriculum.json lists {string.Join(", ", curriculum.Checkpoints.Select(c => c.Id))}.");
            return ExitCodes.Usage;
        }

        string output = Path.GetFullPath(outputOption ?? Path.Combine(root, "artifacts", "grade"));
        string scratch = Path.Combine(Path.GetTempPath(), "kata-grade");
        TextWriter progress = quiet ? TextWriter.Null : Console.Out;

        string pristine;
        try
        {
            pristine = ResolvePristine(root, pristineOption, scratch, submissions.Length == 0);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException)
        {
            Console.Error.WriteLine(error.Message);
            return ExitCodes.Environment;
        }

        var grades = new List<GradeReport>();
        string[] targets = submissions.Length == 0 ? [root] : submissions;
        foreach (string target in targets)
        {
            string name = submissions.Length == 0 ? Path.GetFileName(root.TrimEnd('/')) : NameOf(target);
            string folder = submissions.Length <= 1 ? output : Path.Combine(output, name);
            string submissionDir;
            try
            {
                submissionDir = Submission.Fetch(target, Path.Combine(scratch, "submissions", name));
            }
            catch (Exception error) when (error is InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"{target}: {error.Message}");
                continue;
            }

            var workspace = Workspace.Create(pristine, submissionDir, Path.Combine(scratch, "work", name));
            GradeReport grade = new Grader(curriculum, progress).Grade(name, workspace, Path.Combine(folder, "logs"), only);
            Directory.CreateDirectory(folder);
            WriteAtomically(Path.Combine(folder, "grade.json"), grade.ToJson());
            WriteAtomically(Path.Combine(folder, "grade.md"), grade.ToMarkdown());
            if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            {
                File.AppendAllText(summary, grade.ToMarkdown());
            }

            PrintTable(grade, Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder, "grade.json")));
            grades.Add(grade);
        }

        if (submissions.Length > 1)
        {
            string roster = Path.Combine(output, "roster.csv");
            WriteAtomically(roster, Roster(grades));
            Console.WriteLine($"Roster of {grades.Count} submissions: {roster}");
        }

        if (grades.Count < targets.Length)
        {
            return ExitCodes.Environment;
        }

        return only is int checkpoint
            ? (grades.All(g => g.Checkpoints.Single(c => c.Id == checkpoint) is { Total: > 0 } c && c.Passed == c.Total && g.Rules.Passed == g.Rules.Total && g.Rules.Total > 0) ? ExitCodes.Ok : ExitCodes.NotYet)
            : (grades.All(g => g.Passed) ? ExitCodes.Ok : ExitCodes.NotYet);
    }

    private static string ResolvePristine(string root, string? option, string scratch, bool gradingThisCopy)
    {
        if (option is { } value && !value.StartsWith("git:", StringComparison.Ordinal))
        {
            string folder = Path.GetFullPath(value);
            return File.Exists(Path.Combine(folder, Curriculum.FileName))
                ? folder
                : throw new IOException($"--pristine {value}: no {Curriculum.FileName} there; give the folder of an original copy of the kata.");
        }

        string? revision = option?["git:".Length..];
        if (revision is null && (Directory.Exists(Path.Combine(root, "solutions")) || !gradingThisCopy))
        {
            return root; // An instructor's copy is its own original, hold-outs included.
        }

        revision ??= Git.FirstCommit(root)
            ?? throw new InvalidOperationException("This copy has no git history to take the original tests from. Clone your repository with its history, or pass --pristine <folder of the original kata>.");
        string target = Path.Combine(scratch, "pristine");
        Workspace.ExtractCommit(root, revision, target);
        return target;
    }

    private static string NameOf(string target)
    {
        string trimmed = target.TrimEnd('/', '\\');
        string name = Path.GetFileNameWithoutExtension(trimmed.Split('/', '\\', ':')[^1]);
        return string.IsNullOrEmpty(name) ? "submission" : name;
    }

    private static void PrintTable(GradeReport grade, string jsonPath)
    {
        var table = new Table().Title($"Grade of {Markup.Escape(grade.Submission)}");
        table.AddColumns("Checkpoint", "Tests passed", "Points", "Status");
        foreach (CheckpointGrade c in grade.Checkpoints)
        {
            table.AddRow(
                Markup.Escape($"{c.Id}. {c.Title}{(c.Required ? string.Empty : " (bonus)")}"),
                $"{c.Passed} / {c.Total}",
                $"{GradeReport.Number(c.Points)} / {c.MaxPoints}",
                Markup.Escape(c.Status));
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"MNIST accuracy {GradeReport.Percent(grade.Mnist.Accuracy)} (threshold {GradeReport.Percent(grade.Mnist.Threshold)}); rules {grade.Rules.Passed}/{grade.Rules.Total}; build {(grade.Build.Succeeded ? "ok" : "FAILED")}.");
        foreach (string file in grade.Tampered)
        {
            Console.WriteLine($"Changed, so the original was used for grading: {file}");
        }

        Console.WriteLine($"Total: {GradeReport.Number(grade.Score)} / {grade.MaxScore} — {(grade.Passed ? "PASSED" : "NOT PASSED")}. Details: {jsonPath}");
    }

    private static string Roster(IEnumerable<GradeReport> grades)
    {
        var csv = new StringBuilder("submission,score,maxScore,passed,mnistAccuracy,tamperedFiles\n");
        foreach (GradeReport g in grades)
        {
            csv.AppendLine(CultureInfo.InvariantCulture,
                $"{Csv(g.Submission)},{GradeReport.Number(g.Score)},{g.MaxScore},{(g.Passed ? "true" : "false")},{(g.Mnist.Accuracy is double a ? a.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty)},{g.Tampered.Count}");
        }

        return csv.ToString();
    }

    private static string Csv(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static void WriteAtomically(string path, string content)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
