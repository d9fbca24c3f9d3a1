using Spectre.Console;

namespace Kata.Cli.Infrastructure;

/// <summary>
/// Where the learner commands write, and whether a person is watching. In a terminal they get
/// colours, spinners, prompts and keys; without one (CI, a pipe, a file, NO_COLOR) plain text, no
/// prompts and no animations, so the output reads the same in a log.
/// </summary>
public static class Terminal
{
    private static readonly Lazy<IAnsiConsole> LazyOut = new(() =>
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = IsInteractive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (Console.IsOutputRedirected)
        {
            // A log has no window to fit; Spectre would assume 80 columns and wrap tables.
            console.Profile.Width = 120;
        }

        return console;
    });

    /// <summary>Standard output, with colours and widgets when it is a terminal.</summary>
    public static IAnsiConsole Out => LazyOut.Value;

    /// <summary>
    /// True when a person can answer: input and output are a terminal and this is not CI. Only then
    /// do commands prompt, animate or read keys.
    /// </summary>
    public static bool IsInteractive { get; } =
        !Console.IsInputRedirected && !Console.IsOutputRedirected && !IsContinuousIntegration();

    /// <summary>True when output goes to a pipe or a file, or NO_COLOR is set: no colours, no cursor tricks.</summary>
    public static bool Plain { get; } =
        Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Runs <paramref name="work"/> behind a spinner in a terminal, or after one plain line without one.</summary>
    public static T Busy<T>(string what, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsInteractive)
        {
            Out.WriteLine(what);
            return work();
        }

        return Out.Status().Spinner(Spinner.Known.Dots).Start(Escape(what), _ => work());
    }

    /// <summary>
    /// Writes one line of Spectre markup. In a terminal it is coloured and wrapped at the window's
    /// width; in a log it stays one plain line, whatever its length, so it can be searched.
    /// </summary>
    public static void Line(string markup = "")
    {
        if (Plain)
        {
            Console.Out.WriteLine(Markup.Remove(markup));
        }
        else
        {
            Out.MarkupLine(markup);
        }
    }

    /// <summary>A dividing line with a short title; plain text in a log.</summary>
    public static void Rule(string text)
    {
        if (Plain)
        {
            Console.Out.WriteLine($"── {text} ──");
        }
        else
        {
            Out.Write(new Rule($"[grey]{Escape(text)}[/]").LeftJustified());
        }
    }

    /// <summary>Writes an error sentence (which says what to do next) to standard error.</summary>
    public static void Error(string sentence) => Console.Error.WriteLine(sentence);

    /// <summary>Markup-escapes text that comes from files or test output.</summary>
    public static string Escape(string? text) => Markup.Escape(text ?? string.Empty);

    private static bool IsContinuousIntegration() =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0"
        || Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true"
        || Environment.GetEnvironmentVariable("TF_BUILD") == "True";
}
