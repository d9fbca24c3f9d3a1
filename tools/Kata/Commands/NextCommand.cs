using System.CommandLine;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata next` — moves on when the current checkpoint passes: it runs that checkpoint's tests, which
/// reveal the next one exactly as a plain `dotnet test` does (.kata/progress), then prints its goal.
/// </summary>
public static class NextCommand
{
    public static Command Create()
    {
        var command = new Command(
            "next",
            "Reveal the next checkpoint once the current one passes, and print its goal. Runs the current checkpoint's "
            + "tests to be sure (they reveal the next one, as dotnet test does). Exit code 0 when there is a checkpoint "
            + "to work on, 1 when the current one does not pass yet or an earlier one fails again.");
        command.SetAction((_, cancellationToken) => Task.FromResult(Run(cancellationToken)));
        return command;
    }

    private static int Run(CancellationToken cancellationToken)
    {
        KataState state = KataState.Load();
        CheckpointStatus current = state.Current;

        if (state.AllDone)
        {
            Terminal.Line(Terminal.Escape(state.NextStep()));
            return ExitCodes.Ok;
        }

        if (current.State == StepState.Done && state.Curriculum.After(current.Checkpoint.Id) is { } revealed)
        {
            // It passed, but the reveal did not happen (progress deleted or restored): do it now.
            new Kata.Core.Progress(state.Root).Unlock(revealed.Id);
            Revealed(current.Checkpoint, revealed);
            return ExitCodes.Ok;
        }

        if (current.Last is null)
        {
            // Revealed and not started: nothing to check, just say what it is.
            Terminal.Line("[grey]Up next:[/]");
            Intro.Write(current.Checkpoint);
            return ExitCodes.Ok;
        }

        using var runner = new CheckpointRunner(state.Root);
        int id = current.Checkpoint.Id;
        Verdict verdict = Terminal.Busy($"Running the tests of checkpoint {id} …", () => runner.Run(id, cancellationToken));
        VerdictView.Write(verdict, state.Curriculum);

        KataState after = KataState.Load(state.Root);
        if (after.Unlocked > id && after.Curriculum.Find(after.Unlocked) is { } next)
        {
            Revealed(current.Checkpoint, next);
            return ExitCodes.Ok;
        }

        if (after.AllDone)
        {
            Terminal.Line(Terminal.Escape(after.NextStep()));
            return ExitCodes.Ok;
        }

        Terminal.Line(Terminal.Escape(NotYet(id, verdict.Kind, after)));
        return ExitCodes.NotYet;
    }

    /// <summary>
    /// The last line when checkpoint <paramref name="id"/>'s run (<paramref name="kind"/>) revealed nothing and
    /// the kata is not done (<paramref name="after"/>, read after the run): this checkpoint does not pass yet,
    /// or — when it does — the earlier checkpoint that keeps the kata from done, never both.
    /// </summary>
    public static string NotYet(int id, VerdictKind kind, KataState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (kind == VerdictKind.AllPass)
        {
            // Its tests all pass, so what is missing is elsewhere: an earlier checkpoint that fails again.
            return $"Checkpoint {id} passes, but the kata is not finished: {after.NextStep()}";
        }

        string hidden = after.Curriculum.After(id) is { } following ? $"checkpoint {following.Id} stays hidden" : "the kata is not finished";
        return $"Checkpoint {id} does not pass yet, so {hidden}. Keep going with `./kata watch`; `./kata hint {id}` helps when you are stuck.";
    }

    private static void Revealed(Checkpoint done, Checkpoint next)
    {
        Terminal.Line($"[green]✓ {Terminal.Escape(done.Name)} is complete. {Terminal.Escape(next.Name)} is unlocked.[/]");
        Terminal.Line();
        Intro.Write(next);
    }
}
