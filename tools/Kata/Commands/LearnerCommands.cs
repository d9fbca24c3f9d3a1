using System.CommandLine;

namespace Kata.Cli.Commands;

/// <summary>
/// The learner's commands, in the order a learner meets them: all a learner's copy of the kata has. The
/// instructor's copy runs tools/Kata.Maintainer, which adds its own to these.
/// </summary>
public static class LearnerCommands
{
    public static IReadOnlyList<Command> All() =>
    [
        StatusCommand.Create(),
        WatchCommand.Create(),
        HintCommand.Create(),
        NextCommand.Create(),
        DataCommand.Create(),
        TrainCommand.Create(),
        BenchCommand.Create(),
        GradeCommand.Create(),
        ResetCommand.Create(),
        WorkerCommand.Create(),
    ];
}
