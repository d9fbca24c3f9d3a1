using System.CommandLine;
using Kata.Cli.Commands;
using Kata.Cli.Infrastructure;

// One entry point for learners, instructors and maintainers. Each command lives in Commands/ and
// builds its own System.CommandLine definition; this file only lists them.
var root = new RootCommand("Neural Net from Scratch — the kata's companion tool. Run `./kata <command> --help` for details.\n"
    + "Start with `./kata status`, then `./kata watch`. " + ExitCodes.Help);
foreach (Command command in new[]
{
    // Learners, in the order they meet them.
    StatusCommand.Create(),
    WatchCommand.Create(),
    HintCommand.Create(),
    NextCommand.Create(),
    DataCommand.Create(),
    TrainCommand.Create(),
    BenchCommand.Create(),
    GradeCommand.Create(),
    ResetCommand.Create(),

    // Instructors and maintainers.
    ReleaseCommand.Create(),
    ReportCommand.Create(),
    VerifyCommand.Create(),
    DocsCommand.Create(),
})
{
    root.Subcommands.Add(command);
}

return Cli.Invoke(root, args);
