using System.CommandLine;
using Kata.Instructor.Autograder;
using Kata.Instructor.Release;

namespace Kata.Instructor.Commands;

/// <summary>`kata release` — writes the learner release (no solutions, no hold-outs, no maintainer CI).</summary>
public static class ReleaseCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("folder") { Description = "A new (or empty) folder for the release.", Arity = ArgumentArity.ZeroOrOne };
        var git = new Option<bool>("--git") { Description = "Make the release a git repository with one commit, ready to push as a template." };
        var gradescope = new Option<string?>("--gradescope") { Description = "Instead, write Gradescope's autograder (autograder.zip: setup.sh, run_autograder, this kata without solutions, your KATA_GRADE_KEY) into this folder." };
        var noSandbox = new Option<bool>("--no-sandbox") { Description = "With --gradescope: the autograder grades without bubblewrap, for a platform whose container cannot run it." };
        var command = new Command("release", "Instructors: export the repository learners receive (no solutions/, no hold-out tests, no maintainer CI), or Gradescope's autograder.")
        {
            target, git, gradescope, noSandbox,
        };
        command.SetAction(parse =>
        {
            if (!Directory.Exists(Path.Combine(KataPaths.Root, "solutions")))
            {
                Console.Error.WriteLine("This is already a learner's copy (there is no solutions/ folder): release from the instructor's repository.");
                return ExitCodes.Environment;
            }

            if (parse.GetValue(gradescope) is { } autograder)
            {
                return Autograder(Path.GetFullPath(autograder), !parse.GetValue(noSandbox));
            }

            if (parse.GetValue(target) is not { } given)
            {
                Console.Error.WriteLine("Give the folder for the learner release (or --gradescope FOLDER for Gradescope's autograder).");
                return ExitCodes.Usage;
            }

            string folder = Path.GetFullPath(given);

            try
            {
                IReadOnlyList<string> files = ReleaseExport.Export(KataPaths.Root, folder, parse.GetValue(git));
                Console.WriteLine($"Wrote the learner release ({files.Count} files) to {folder}.");
                Console.WriteLine("Check it with: cd <folder> && dotnet test --filter Checkpoint=1   (every test fails: the stubs are not implemented yet)");
                return ExitCodes.Ok;
            }
            catch (Exception error) when (error is IOException or InvalidOperationException)
            {
                Console.Error.WriteLine(error.Message);
                return ExitCodes.Environment;
            }
        });
        return command;
    }

    private static int Autograder(string folder, bool sandbox)
    {
        string? key = Environment.GetEnvironmentVariable("KATA_GRADE_KEY");
        bool fresh = string.IsNullOrEmpty(key);
        try
        {
            string zip = AutograderZip.Write(KataPaths.Root, folder, fresh ? AutograderZip.NewKey() : key!, sandbox);
            Console.WriteLine($"Wrote Gradescope's autograder: {zip}");
            Console.WriteLine(fresh
                ? "Its grade key is new (KATA_GRADE_KEY was not set); it is in the zip's grade-key. Set KATA_GRADE_KEY to grade with the same hold-out inputs elsewhere."
                : "Its grade key is your KATA_GRADE_KEY.");
            Console.WriteLine("Upload it as the assignment's autograder (Ubuntu base image); docs/class-tools.md says what it does. Try it here first: KATA_AUTOGRADER_ROOT=<folder with source/ and submission/> bash source/run_autograder");
            return ExitCodes.Ok;
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(error.Message);
            return ExitCodes.Environment;
        }
    }
}
