using Kata.Cli.Infrastructure;

namespace Kata.Cli.Learner;

/// <summary>The few lines that start a checkpoint: its goal, where to read, where to write, how to run.</summary>
public static class Intro
{
    public static void Write(Checkpoint checkpoint, bool watching = false)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Terminal.Line($"[bold]{Terminal.Escape(checkpoint.Name)}[/]{(checkpoint.Required ? string.Empty : " [grey](bonus)[/]")}");
        Terminal.Line($"  {Terminal.Escape(checkpoint.Goal)}");
        Terminal.Line($"  Read   {Terminal.Escape(checkpoint.DocLink)}");
        Terminal.Line($"  Write  exercises/{Terminal.Escape(checkpoint.Project)}/");
        if (!watching)
        {
            Terminal.Line($"  Run    ./kata watch   [grey](or: dotnet test --filter Checkpoint={checkpoint.Id})[/]");
        }
    }
}
