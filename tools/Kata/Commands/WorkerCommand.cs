using System.CommandLine;
using Kata.Cli.Learner.Warm;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata worker` — hidden: the warm worker that <c>kata watch</c> starts and talks to over stdin and stdout
/// (<see cref="WarmWorker"/>). Not for people; it answers JSON lines.
/// </summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var root = new Argument<string?>("root") { Description = "The kata's folder (default: the one this tool belongs to).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("worker", "kata watch's warm worker (internal).") { root };
        command.Hidden = true;
        command.SetAction(parse => WarmWorker.Serve(Path.GetFullPath(parse.GetValue(root) ?? KataPaths.Root)));
        return command;
    }
}
