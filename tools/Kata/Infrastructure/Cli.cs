using System.CommandLine;
using System.ComponentModel;

namespace Kata.Cli.Infrastructure;

/// <summary>Runs the parsed command line and turns every way it can go wrong into a sentence and an exit code.</summary>
public static class Cli
{
    /// <summary>The root command of ./kata with <paramref name="commands"/>, in that order.</summary>
    public static RootCommand Root(IEnumerable<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var root = new RootCommand("Neural Net from Scratch — the kata's companion tool. Run `./kata <command> --help` for details.\n"
            + "Start with `./kata status`, then `./kata watch`. " + ExitCodes.Help);
        foreach (Command command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static int Invoke(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            // No command: show what there is (and tell scripts it was not a command).
            root.Parse(["--help"]).Invoke();
            return ExitCodes.Usage;
        }

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            bool atRoot = parse.CommandResult.Command == root;
            var errors = parse.Errors.Select(e => e.Message).ToList();
            if (atRoot && errors.Count > 1)
            {
                errors.Remove("Required command was not provided."); // Said better by the unknown command that follows.
            }

            errors.ForEach(Terminal.Error);
            if (atRoot && Suggest(root, args[0]) is { } suggestion)
            {
                Terminal.Error($"Did you mean `./kata {suggestion}`?");
            }

            Terminal.Error($"Run `./kata{(atRoot ? string.Empty : " " + parse.CommandResult.Command.Name)} --help` to see what it accepts.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (KataException error)
        {
            Terminal.Error(error.Message);
            return error.ExitCode;
        }
        catch (Exception error) when (error is DirectoryNotFoundException or InvalidDataException)
        {
            // The kata's folder or curriculum.json: Kata.Core's messages already say what to do.
            Terminal.Error(error.Message);
            return ExitCodes.Environment;
        }
        catch (Win32Exception error)
        {
            Terminal.Error($"Could not start a program the kata needs ({error.Message}). Install the .NET 10 SDK (and git), then try again.");
            return ExitCodes.Environment;
        }
        catch (OperationCanceledException)
        {
            Terminal.Error("Stopped.");
            return ExitCodes.Interrupted;
        }
        catch (Exception error)
        {
            // A bug in the kata tool itself: say so, with what a maintainer needs to fix it.
            Terminal.Error($"The kata tool failed: {error.GetType().Name}: {error.Message}");
            Terminal.Error("This is a bug in the kata, not in your code. Please report it with the command you ran and these lines:");
            Terminal.Error(error.StackTrace ?? string.Empty);
            return ExitCodes.Environment;
        }
    }

    // The command closest to a mistyped one (at most two edits away), if any.
    private static string? Suggest(RootCommand root, string typed) =>
        root.Subcommands
            .Select(c => (c.Name, Distance: Distance(c.Name, typed.ToLowerInvariant())))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
