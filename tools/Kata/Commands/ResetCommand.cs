using System.CommandLine;
using System.Globalization;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner;
using Spectre.Console;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata reset N` — puts checkpoint N's stubs back, after a confirmation, keeping the learner's
/// files in .kata/backup/. Progress and hints stay.
/// </summary>
public static class ResetCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<int>("checkpoint") { Description = "The checkpoint whose stubs to restore." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (needed without a terminal)." };
        var command = new Command(
            "reset",
            "Restore checkpoint N's stubs as the kata shipped them (from git's history), after you confirm. "
            + "Your files are copied to .kata/backup/ first; your progress and the hints you have seen stay. "
            + "Exit code 0 when reset (or nothing to reset), 1 when you answer no, 2 without a terminal and without --yes.")
        {
            checkpoint,
            yes,
        };
        command.SetAction(parse => Run(parse.GetValue(checkpoint), parse.GetValue(yes)));
        return command;
    }

    private static int Run(int id, bool yes)
    {
        KataState state = KataState.Load();
        CheckpointStatus checkpoint = state.Resolve(id);
        IReadOnlyList<PristineFile> stubs = PristineCopy.Find(state.Root, checkpoint.Checkpoint);

        var changed = stubs.Where(s => !File.Exists(Full(state.Root, s.Path)) || !File.ReadAllBytes(Full(state.Root, s.Path)).AsSpan().SequenceEqual(s.Content)).ToList();
        if (changed.Count == 0)
        {
            Terminal.Line($"The files of {Terminal.Escape(checkpoint.Checkpoint.Name)} are already the stubs: nothing to reset.");
            return ExitCodes.Ok;
        }

        Terminal.Line($"[bold]kata reset {id}[/] puts the stubs back in {changed.Count} file{(changed.Count == 1 ? string.Empty : "s")} of {Terminal.Escape(checkpoint.Checkpoint.Name)}:");
        foreach (PristineFile file in changed)
        {
            Terminal.Line($"  {Terminal.Escape(file.Path)}");
        }

        if (!yes)
        {
            if (!Terminal.IsInteractive)
            {
                throw new KataException($"kata reset replaces your code, so without a terminal it needs --yes: ./kata reset {id} --yes", ExitCodes.Usage);
            }

            if (!Terminal.Out.Prompt(new ConfirmationPrompt("Replace them? Your files are kept in .kata/backup/") { DefaultValue = false }))
            {
                Terminal.Line("Nothing was changed.");
                return ExitCodes.NotYet;
            }
        }

        string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string backup = Path.Combine(state.Root, ".kata", "backup", $"{stamp}-checkpoint{id}");
        foreach (PristineFile file in changed)
        {
            string target = Full(state.Root, file.Path);
            if (File.Exists(target))
            {
                string copy = Path.Combine(backup, Path.GetRelativePath(Path.Combine(state.Root, "exercises"), target));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(target, copy, overwrite: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, file.Content);
        }

        string where = Path.GetRelativePath(state.Root, backup).Replace('\\', '/');
        Terminal.Line($"[green]✓ Restored the stubs of {Terminal.Escape(checkpoint.Checkpoint.Name)}.[/]");
        if (Directory.Exists(backup))
        {
            Terminal.Line($"  Your files are in {Terminal.Escape(where)}/.");
        }

        Terminal.Line($"  Your progress stays; the tests of checkpoint {id} fail until you write it again (`./kata watch`).");
        return ExitCodes.Ok;
    }

    private static string Full(string root, string path) => Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
}
