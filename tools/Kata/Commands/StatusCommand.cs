using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner;
using Spectre.Console;

namespace Kata.Cli.Commands;

/// <summary>`kata status` — where the learner stands: one row per checkpoint, then the next step.</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "·" and "`" as they are, for people reading it
    };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON, for scripts." };
        var command = new Command(
            "status",
            "Show every checkpoint — locked, in progress (k of n tests pass) or done — and what to do next. "
            + "Reads the results of your last test run; it runs no tests. Exit code 0 when the status was shown.")
        {
            json,
        };
        command.SetAction(parse => Run(parse.GetValue(json)));
        return command;
    }

    private static int Run(bool json)
    {
        KataState state = KataState.Load();
        if (json)
        {
            WriteJson(state);
            return ExitCodes.Ok;
        }

        IAnsiConsole console = Terminal.Out;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("Checkpoint")
            .AddColumn("Status")
            .AddColumn("Last run");
        foreach (CheckpointStatus row in state.Checkpoints)
        {
            string title = Terminal.Escape(row.Checkpoint.Title) + (row.Checkpoint.Required ? string.Empty : " [grey](bonus)[/]");
            table.AddRow(
                row.Checkpoint.Id.ToString(CultureInfo.InvariantCulture),
                row.Checkpoint.Id == state.Unlocked && !state.AllDone ? $"[bold]{title}[/]" : title,
                Describe(row),
                LastRun(row));
        }

        console.Write(table);
        Terminal.Line(Terminal.Escape(state.NextStep()));
        return ExitCodes.Ok;
    }

    private static string Describe(CheckpointStatus row)
    {
        string counts = row.Last is { } r ? $"{r.Passed} of {r.Total}" : string.Empty;
        return row.State switch
        {
            StepState.Done => "[green]✓ done[/]",
            StepState.FailingAgain => $"[red]✗ failing again: {counts} pass[/]",
            StepState.InProgress when row.Last is null => "[yellow]▶ in progress: not run yet[/]",
            StepState.InProgress => $"[yellow]▶ in progress: {counts} pass[/]",
            _ when row.Last is not null => $"[grey]locked (ran early: {counts})[/]",
            _ => "[grey]locked[/]",
        };
    }

    private static string LastRun(CheckpointStatus row)
    {
        if (row.Last is null)
        {
            return row.HasFolder ? string.Empty : "[grey]not in this copy yet[/]";
        }

        string ago = Ago(DateTimeOffset.Now - row.Last.At);
        return row.EditedSince ? $"{ago}, [yellow]edited since[/]" : ago;
    }

    private static string Ago(TimeSpan time) =>
        time.TotalSeconds < 60 ? "just now"
        : time.TotalMinutes < 60 ? $"{(int)time.TotalMinutes} min ago"
        : time.TotalHours < 24 ? $"{(int)time.TotalHours} h ago"
        : $"{(int)time.TotalDays} d ago";

    private static void WriteJson(KataState state)
    {
        var document = new
        {
            unlocked = state.Unlocked,
            allDone = state.AllDone,
            next = state.NextStep(),
            checkpoints = state.Checkpoints.Select(c => new
            {
                id = c.Checkpoint.Id,
                title = c.Checkpoint.Title,
                required = c.Checkpoint.Required,
                state = JsonNamingPolicy.KebabCaseLower.ConvertName(c.State.ToString()),
                passed = c.Last?.Passed,
                total = c.Last?.Total,
                lastRun = c.Last?.At,
                editedSinceLastRun = c.EditedSince,
                folder = c.Folder,
                hasFolder = c.HasFolder,
            }),
        };
        Console.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }
}
