using System.CommandLine;
using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Spectre.Console;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata grade` — grades this copy of the kata against its original tests, in grade mode (every
/// checkpoint and hold-out revealed), and writes grade.json and grade.md. (In the instructor's copy the
/// same command also grades a class: tools/Kata.Instructor's ClassGradeCommand.)
/// </summary>
public static class GradeCommand
{
    /// <summary>Where the original tests come from.</summary>
    public static Option<string?> PristineOption(string defaultText) => new("--pristine")
    {
        Description = "Where the original tests come from: a folder, or git:<revision> of this repository. Default: " + defaultText,
    };

    /// <summary>Grade one checkpoint only.</summary>
    public static Option<int?> CheckpointOption() => new("--checkpoint") { Description = "Grade only this checkpoint; the exit code says whether it passes completely (for GitHub Classroom, one step per checkpoint)." };

    /// <summary>Print only the final table.</summary>
    public static Option<bool> QuietOption() => new("--quiet") { Description = "Print only the final table." };

    public static Command Create()
    {
        var pristine = PristineOption("this repository's first commit (your repository starts as the kata's release).");
        var output = new Option<string?>("--out") { Description = "Folder for grade.json, grade.md and logs. Default: artifacts/grade." };
        var only = CheckpointOption();
        var quiet = QuietOption();
        var command = new Command("grade", "Grade your code the way CI does: the original tests, every checkpoint, grade.json.")
        {
            pristine, output, only, quiet,
        };
        command.SetAction(parse => Run(parse.GetValue(pristine), parse.GetValue(output), parse.GetValue(only), parse.GetValue(quiet)));
        return command;
    }

    private static int Run(string? pristineOption, string? outputOption, int? only, bool quiet)
    {
        string root = KataPaths.Root;
        if (UnknownCheckpoint(Curriculum.Load(), only) is { } unknown)
        {
            Console.Error.WriteLine(unknown);
            return ExitCodes.Usage;
        }

        string output = Path.GetFullPath(outputOption ?? Path.Combine(root, "artifacts", "grade"));
        TextWriter progress = quiet ? TextWriter.Null : Console.Out;
        DirectoryInfo? extracted = null;
        try
        {
            GradingSession session;
            try
            {
                string pristine = ResolvePristine(root, pristineOption, gradingOthers: false, out extracted);
                session = GradingSession.Open(pristine, Path.Combine(root, "artifacts", "cache"), sandboxed: false, progress);
            }
            catch (Exception error) when (error is InvalidOperationException or IOException)
            {
                Console.Error.WriteLine(error.Message);
                return ExitCodes.Environment;
            }

            GradeReport grade;
            try
            {
                grade = new Grader(session, progress).Grade(Path.GetFileName(root.TrimEnd('/')), root, Path.Combine(output, "logs"), only);
                GradeFiles.Write(output, grade);
            }
            catch (Exception error) when (error is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(error.Message);
                return ExitCodes.Environment;
            }

            Report(grade, output);
            return ExitCode([grade], only);
        }
        finally
        {
            extracted?.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The original kata to grade against: <paramref name="option"/> (a folder or git:&lt;revision&gt;), else this
    /// copy when it is the instructor's (or when grading others), else this repository's first commit,
    /// extracted into <paramref name="extracted"/> (the caller deletes it).
    /// </summary>
    public static string ResolvePristine(string root, string? option, bool gradingOthers, out DirectoryInfo? extracted)
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

    /// <summary>Prints a grade's table (and adds it to the GitHub job summary there is one).</summary>
    public static void Report(GradeReport grade, string folder)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            File.AppendAllText(summary, grade.ToMarkdown());
        }

        PrintTable(grade, Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder, "grade.json")));
    }

    /// <summary>
    /// 0 when every grade passes (with <paramref name="only"/>: when that checkpoint passes completely and
    /// the rules hold), else 1.
    /// </summary>
    public static int ExitCode(IEnumerable<GradeReport> grades, int? only) =>
        only is int checkpoint
            ? (grades.All(g => g.Checkpoints.Single(c => c.Id == checkpoint) is { Total: > 0 } c && c.Passed == c.Total && g.Rules.Passed) ? ExitCodes.Ok : ExitCodes.NotYet)
            : (grades.All(g => g.Passed) ? ExitCodes.Ok : ExitCodes.NotYet);

    /// <summary>A sentence for a checkpoint number curriculum.json does not know, else null.</summary>
    public static string? UnknownCheckpoint(Curriculum curriculum, int? only) =>
        only is int id && curriculum.Find(id) is null
            ? $"There is no checkpoint {id}; curriculum.json lists {string.Join(", ", curriculum.Checkpoints.Select(c => c.Id))}."
            : null;

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
