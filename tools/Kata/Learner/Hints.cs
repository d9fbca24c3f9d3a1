using Kata.Cli.Infrastructure;
using Spectre.Console;

namespace Kata.Cli.Learner;

/// <summary>Staged hints: each request shows one more, gentlest first, never the answer.</summary>
public static class Hints
{
    /// <summary>Shows the next hint of <paramref name="checkpoint"/> (or, with <paramref name="again"/>, the ones seen so far).</summary>
    public static void Show(string root, CheckpointStatus checkpoint, bool again = false, bool watching = false)
    {
        Checkpoint c = checkpoint.Checkpoint;
        var log = new HintLog(root);
        int count = c.Hints.Count;
        string locked = checkpoint.State == StepState.Locked ? " [grey](still locked)[/]" : string.Empty;
        if (count == 0)
        {
            Terminal.Line($"{Terminal.Escape(c.Name)}{locked} has no hints yet. Read {c.DocLink}, and the test names in tests/Kata.Tests/{Terminal.Escape(c.Project)}/: they say what is expected.");
            return;
        }

        int seen = Math.Min(log.Seen(c.Id), count);
        string askAgain = watching ? "then press h for the next one" : $"`./kata hint {c.Id}` again shows the next one";
        if (again)
        {
            if (seen == 0)
            {
                Terminal.Line($"You have not asked for a hint for checkpoint {c.Id} yet: `./kata hint {c.Id}` shows the first.");
                return;
            }

            for (int i = 0; i < seen; i++)
            {
                Write(c, i, locked);
            }

            return;
        }

        if (seen >= count)
        {
            Write(c, count - 1, locked);
            Terminal.Line($"[grey]That was the last of the {count} hints for checkpoint {c.Id}; `./kata hint {c.Id} --again` shows all of them. "
                + $"Still stuck? Read the failing test in tests/Kata.Tests/{Terminal.Escape(c.Project)}/ — its comments often work the example by hand.[/]");
            return;
        }

        log.SetSeen(c.Id, seen + 1);
        Write(c, seen, locked);
        Terminal.Line(seen + 1 < count
            ? $"[grey]Hint {seen + 1} of {count}. Try it first; {askAgain}.[/]"
            : $"[grey]Hint {count} of {count}: the last one. `./kata hint {c.Id} --again` shows all of them.[/]");
    }

    private static void Write(Checkpoint checkpoint, int index, string locked)
    {
        var panel = new Panel(new Text(checkpoint.Hints[index]))
        {
            Header = new PanelHeader($" Hint {index + 1} of {checkpoint.Hints.Count} · {Terminal.Escape(checkpoint.Name)}{locked} "),
            Border = BoxBorder.Rounded,
            Padding = new Padding(1, 0, 1, 0),
        };
        Terminal.Out.Write(panel);
    }
}
