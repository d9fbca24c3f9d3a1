using System.CommandLine;
using Kata.Cli.Commands;

// One entry point for learners, instructors and maintainers. Each command lives in Commands/ and
// builds its own System.CommandLine definition; this file only lists them.
var root = new RootCommand("Neural Net from Scratch — the kata's companion tool. Run `./kata <command> --help` for details.");
foreach (Command command in new[]
{
    VerifyCommand.Create(),
    DocsCommand.Create(),
    GradeCommand.Create(),
    ReleaseCommand.Create(),
    DataCommand.Create(),
    TrainCommand.Create(),
})
{
    root.Subcommands.Add(command);
}

return root.Parse(args).Invoke();
