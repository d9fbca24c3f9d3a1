using System.Globalization;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Learner;

/// <summary>Prints a <see cref="Verdict"/> in a few lines: the count, then the one failure to look at.</summary>
public static class VerdictView
{
    private const int MaxMessageLines = 10;
    private const string AssertionPrefix = "Shouldly.ShouldAssertException : ";

    /// <summary>Writes the verdict; <paramref name="afterSave"/> is the time from the save to now, when known.</summary>
    public static void Write(Verdict verdict, Curriculum curriculum, TimeSpan? afterSave = null)
    {
        string name = curriculum.Find(verdict.Checkpoint)?.Name ?? $"Checkpoint {verdict.Checkpoint}";
        string timing = afterSave is { } t
            ? $"[grey]({Seconds(t)} after your save)[/]"
            : $"[grey]({Seconds(verdict.Elapsed)})[/]";
        string rel = Path.GetRelativePath(KataPaths.Root, verdict.LogPath).Replace('\\', '/');

        switch (verdict.Kind)
        {
            case VerdictKind.AllPass:
                Terminal.Line($"[green]✓ {Terminal.Escape(name)}: all {verdict.Total} tests pass.[/] {timing}");
                break;

            case VerdictKind.SomeFail:
                var parts = new List<string>();
                if (verdict.NotImplemented > 0)
                {
                    parts.Add($"{verdict.NotImplemented} not written yet");
                }

                if (verdict.Failing > 0)
                {
                    parts.Add($"{verdict.Failing} failing");
                }

                Terminal.Line($"[red]✗ {Terminal.Escape(name)}: {verdict.Passed} of {verdict.Total} pass[/] — {string.Join(", ", parts)}. {timing}");
                if (verdict.FirstFailure is { } failure)
                {
                    Terminal.Line($"  [bold]{Terminal.Escape(failure.Name)}[/]");
                    string[] lines = Message(failure).Split('\n');
                    foreach (string line in lines.Take(MaxMessageLines))
                    {
                        Terminal.Line($"    {Terminal.Escape(line.TrimEnd('\r'))}");
                    }

                    if (lines.Length > MaxMessageLines)
                    {
                        Terminal.Line($"    [grey]… {lines.Length - MaxMessageLines} more lines in {Terminal.Escape(rel)}[/]");
                    }

                    if (failure.Site is { } site)
                    {
                        Terminal.Line($"    [grey]{Terminal.Escape(site)}[/]");
                    }
                }

                break;

            case VerdictKind.BuildFailed:
                Terminal.Line($"[red]✗ Your code does not compile, so no test ran.[/] {timing}");
                foreach (string error in verdict.Problems.Take(5))
                {
                    Terminal.Line($"    {Terminal.Escape(error)}");
                }

                Terminal.Line("  [grey]Fix the first error first: the others often follow from it.[/]");
                break;

            case VerdictKind.NoTests:
                Terminal.Line($"[yellow]{Terminal.Escape(name)} has no tests in this copy of the kata yet.[/] Update your copy (git pull), or work on another checkpoint.");
                break;

            default:
                Terminal.Line($"[red]✗ The test run stopped before it finished.[/] {timing}");
                foreach (string line in verdict.Problems)
                {
                    Terminal.Line($"    [grey]{Terminal.Escape(line)}[/]");
                }

                Terminal.Line($"  Full output: {Terminal.Escape(rel)}. Run `dotnet test --filter Checkpoint={verdict.Checkpoint}` to see it yourself.");
                break;
        }

        if (verdict.Note is { } note)
        {
            Terminal.Line($"  [grey]{Terminal.Escape(note)}[/]");
        }
    }

    private static string Message(TestRecord failure)
    {
        string message = (failure.Message ?? "(no message)").Trim();
        return message.StartsWith(AssertionPrefix, StringComparison.Ordinal) ? message[AssertionPrefix.Length..] : message;
    }

    /// <summary>"3.4 s".</summary>
    public static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
