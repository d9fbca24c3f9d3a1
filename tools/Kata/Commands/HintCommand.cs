using System.CommandLine;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner;

namespace Kata.Cli.Commands;

/// <summary>`kata hint [N]` — one more hint each time, gentlest first; never the answer.</summary>
public static class HintCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<int?>("checkpoint")
        {
            Description = "The checkpoint (default: the one you are working on).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var again = new Option<bool>("--again") { Description = "Show the hints you have already seen, without a new one." };
        var command = new Command(
            "hint",
            "Show the next hint for a checkpoint: one more each time you ask, gentlest first, never the answer. "
            + "The hints come from curriculum.json (also in checkpoints.md); what you have seen is kept in .kata/hints.")
        {
            checkpoint,
            again,
        };
        command.SetAction(parse =>
        {
            KataState state = KataState.Load();
            Hints.Show(state.Root, state.Resolve(parse.GetValue(checkpoint)), parse.GetValue(again));
            return ExitCodes.Ok;
        });
        return command;
    }
}
