using System.CommandLine;
using Kata.Instructor.Release;

namespace Kata.Instructor.Commands;

/// <summary>`kata release` — writes the learner release (no solutions, no hold-outs, no maintainer CI).</summary>
public static class ReleaseCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("folder") { Description = "A new (or empty) folder for the release." };
        var git = new Option<bool>("--git") { Description = "Make the release a git repository with one commit, ready to push as a template." };
        var command = new Command("release", "Instructors: export the repository learners receive (no solutions/, no hold-out tests, no maintainer CI).")
        {
            target, git,
        };
        command.SetAction(parse =>
        {
            string folder = Path.GetFullPath(parse.GetValue(target)!);
            if (!Directory.Exists(Path.Combine(KataPaths.Root, "solutions")))
            {
                Console.Error.WriteLine("This is already a learner's copy (there is no solutions/ folder): release from the instructor's repository.");
                return ExitCodes.Environment;
            }

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
}
