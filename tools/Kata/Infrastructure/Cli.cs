using System.CommandLine;
using System.ComponentModel;

namespace Kata.Cli.Infrastructure;

/// <summary>Runs the parsed command line and turns every way it can go wrong into a sentence and an exit code.</summary>
public static class Cli
{
    public static int Invoke(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                Terminal.Error(error.Message);
            }

            string command = parse.CommandResult.Command == root ? string.Empty : " " + parse.CommandResult.Command.Name;
            Terminal.Error($"Run `./kata{command} --help` to see what it accepts.");
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
}
