using System.CommandLine;
using Kata.Cli.Commands;
using Kata.Instructor.Autograder;

namespace Kata.Instructor.Commands;

/// <summary>
/// `kata autograde` — what a platform's autograder runs: grades one submission with this copy's tests (in
/// the sandbox) and writes the platform's results.json: Gradescope's (the zip of `kata release
/// --gradescope` calls it) or PrairieLearn's (an external grader's entrypoint). Always writes a result, also
/// when grading fails, saying why.
/// </summary>
public static class AutogradeCommand
{
    public static Command Create()
    {
        var submission = new Argument<string?>("submission") { Description = "The submission as the platform hands it over: a copy of the kata, a folder holding one, or its files from exercises/.", Arity = ArgumentArity.ZeroOrOne };
        var gradescope = new Option<string?>("--gradescope") { Description = "Write Gradescope's results.json here (/autograder/results/results.json)." };
        var prairielearn = new Option<string?>("--prairielearn") { Description = "Write PrairieLearn's external-grader results.json here (/grade/results/results.json)." };
        var only = GradeCommand.CheckpointOption();
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "Grade without the sandbox, for a platform whose container cannot run bubblewrap (the container is then the only wall; see docs/class-tools.md)." };
        var prepare = new Option<bool>("--prepare") { Description = "Only get ready (the tool, the test plan, MNIST, the sandbox), as the platform's setup does once." };
        var command = new Command("autograde", "Instructors: grade one submission for Gradescope or PrairieLearn and write its results.json (what their autograders run).")
        {
            submission, gradescope, prairielearn, only, noSandbox, prepare,
        };
        command.SetAction(parse => Run(parse.GetValue(submission), parse.GetValue(gradescope), parse.GetValue(prairielearn), parse.GetValue(only), parse.GetValue(noSandbox), parse.GetValue(prepare)));
        return command;
    }

    private static int Run(string? submission, string? gradescope, string? prairielearn, int? only, bool noSandbox, bool prepare)
    {
        string root = KataPaths.Root;
        if (!prepare && (submission is null || (gradescope is null && prairielearn is null)))
        {
            Console.Error.WriteLine("Give the submission and where to write the results: --gradescope FILE and/or --prairielearn FILE (or --prepare alone).");
            return ExitCodes.Usage;
        }

        GradingSession session;
        try
        {
            session = GradingSession.Open(root, Path.Combine(root, "artifacts", "cache"), sandboxed: !noSandbox, Console.Out);
        }
        catch (Exception error) when (error is KataException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine(error.Message);
            WriteFailure(gradescope, prairielearn, "The autograder is not set up: " + error.Message);
            return ExitCodes.Environment;
        }

        if (prepare)
        {
            Console.WriteLine($"Ready: the test plan of {session.Plan.Tests.Count} tests, MNIST, {(session.Sandbox is null ? "no sandbox (--no-sandbox)" : "the sandbox")}.");
            return ExitCodes.Ok;
        }

        DirectoryInfo scratch = Directory.CreateTempSubdirectory("kata-autograde-");
        try
        {
            string folder = AutogradeSubmission.Locate(Path.GetFullPath(submission!), root, Path.Combine(scratch.FullName, "submission"));
            GradeReport grade = new Grader(session, Console.Out).Grade("submission", folder, Path.Combine(scratch.FullName, "logs"), only);
            Console.WriteLine(grade.ToMarkdown());
            if (gradescope is not null)
            {
                Write(gradescope, GradescopeResults.Json(grade, session.Plan));
            }

            if (prairielearn is not null)
            {
                Write(prairielearn, PrairieLearnResults.Json(grade, session.Plan));
            }

            return ExitCodes.Ok;
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or UnauthorizedAccessException or KataException)
        {
            Console.Error.WriteLine(error.Message);
            WriteFailure(gradescope, prairielearn, "Your submission could not be graded: " + error.Message);
            return ExitCodes.Environment;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static void WriteFailure(string? gradescope, string? prairielearn, string why)
    {
        string text = System.Text.Json.JsonSerializer.Serialize(TextEscaping.Plain(why));
        if (gradescope is not null)
        {
            Write(gradescope, $"{{\n  \"score\": 0,\n  \"output\": {text},\n  \"output_format\": \"text\"\n}}\n");
        }

        if (prairielearn is not null)
        {
            Write(prairielearn, $"{{\n  \"gradable\": false,\n  \"message\": {text}\n}}\n");
        }
    }

    private static void Write(string path, string json)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        GradeFiles.WriteAtomically(full, json);
    }
}
