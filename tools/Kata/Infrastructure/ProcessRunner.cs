using System.Diagnostics;

namespace Kata.Cli.Infrastructure;

/// <summary>The outcome of a child process: its exit code, and whether it was stopped for running too long.</summary>
public sealed record ProcessResult(int ExitCode, bool TimedOut);

/// <summary>Runs a child process, writing everything it prints to a log file (and optionally echoing it).</summary>
public static class ProcessRunner
{
    /// <summary>The most a log keeps of what a process prints.</summary>
    public const long MaxLogChars = 20_000_000;

    /// <summary>The most a log of a submission's run keeps (<c>visible</c>: the grader's logs/ folder).</summary>
    public const long MaxVisibleLogChars = 2_000_000;

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.
    /// After <paramref name="timeout"/> the whole process tree is killed and <see cref="ProcessResult.TimedOut"/> is true;
    /// when <paramref name="cancellationToken"/> is cancelled the tree is killed and <see cref="OperationCanceledException"/> thrown.
    /// </summary>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        string logPath,
        IReadOnlyDictionary<string, string?>? environment = null,
        TextWriter? echo = null,
        TimeSpan? timeout = null,
        bool visible = false,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        long maxChars = visible ? MaxVisibleLogChars : MaxLogChars;
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var log = new StreamWriter(logPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var gate = new Lock();
        long written = 0;
        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                // A program that prints without end (a learner's loop, say) must not fill the disk.
                written += line.Length + 1;
                if (written > maxChars)
                {
                    if (written - line.Length - 1 <= maxChars)
                    {
                        log.WriteLine($"[kata] the log was cut here: more than {maxChars / 1_000_000} million characters of output.");
                    }

                    return;
                }

                // A log an instructor opens in a terminal or a browser shows escape sequences and bidi
                // controls as text, not as what they would do.
                log.WriteLine(visible ? Visible(line) : line);
                echo?.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool finished;
        using (cancellationToken.Register(() => StopTree(process)))
        {
            finished = process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!finished)
        {
            StopTree(process);
            process.WaitForExit();
            Write($"[kata] stopped after {timeout}: the process ran too long.");
            return new ProcessResult(-1, TimedOut: true);
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        return new ProcessResult(process.ExitCode, TimedOut: false);
    }

    /// <summary>The line with control and format characters (escape sequences, bidi overrides) written as \uXXXX.</summary>
    public static string Visible(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Any(NeedsEscape))
        {
            return line;
        }

        var text = new System.Text.StringBuilder(line.Length + 16);
        foreach (char c in line)
        {
            text.Append(NeedsEscape(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.ToString();
    }

    private static bool NeedsEscape(char c) =>
        (char.IsControl(c) && c != '\t') || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static void StopTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already ended.
        }
    }
}
