using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kata.Cli.Infrastructure;

/// <summary>Runs a child process, writing everything it prints to a log file (and optionally echoing it).</summary>
public static class ProcessRunner
{
    /// <summary>The most a log keeps of what a process prints.</summary>
    public const long MaxLogChars = 20_000_000;

    /// <summary>The most a log of a submission's run keeps (<c>visible</c>: the grader's logs/ folder).</summary>
    public const long MaxVisibleLogChars = 2_000_000;

    /// <summary>How long the last lines may take to arrive once the process has exited.</summary>
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(5);

    // The processes started here that have not ended yet. When the kata itself is told to end (SIGTERM: an
    // instructor's `kill`, a cancelled CI job), their trees are stopped first: a sandboxed test host is in
    // a session of its own, so nothing else would end it before its hour of CPU time.
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly PosixSignalRegistration? StopOnTerminate = OperatingSystem.IsWindows()
        ? null
        : PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
        {
            foreach (Process process in Running.Values)
            {
                StopTree(process);
            }
        });

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
        GC.KeepAlive(StopOnTerminate);
        Running[process.Id] = process;
        var gate = new Lock();
        long written = 0;
        bool logClosed = false;
        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                if (logClosed)
                {
                    return; // a line from a process left running, after the log was closed
                }

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

        // The end of each stream is awaited apart from the process's exit: a process it started and left
        // running (an MSBuild node kept for the next build, say) can hold the output open for minutes.
        using var outputClosed = new CountdownEvent(2);
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        void Received(string? line)
        {
            Write(line);
            lock (gate)
            {
                if (line is null && !logClosed)
                {
                    outputClosed.Signal();
                }
            }
        }

        try
        {
            bool finished;
            using (cancellationToken.Register(() => StopTree(process)))
            {
                // A finite wait returns when the process exits; an infinite one would also wait for the
                // output to close.
                finished = process.WaitForExit(timeout ?? TimeSpan.FromMilliseconds(int.MaxValue));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!finished)
            {
                StopTree(process);

                // A process that escaped the tree may still hold the output open: do not wait for it forever.
                outputClosed.Wait(TimeSpan.FromSeconds(10), CancellationToken.None);
                Write($"[kata] stopped after {timeout}: the process ran too long.");
                return new ProcessResult(-1, TimedOut: true);
            }

            if (!outputClosed.Wait(OutputGrace, CancellationToken.None))
            {
                Write($"[kata] {Path.GetFileName(fileName)} exited, but a process it left running still holds its output open; the log stops here.");
            }

            return new ProcessResult(process.ExitCode, TimedOut: false);
        }
        finally
        {
            Running.TryRemove(process.Id, out _);

            // Lines that arrive later (from a process left running) are dropped, not written to a closed log.
            lock (gate)
            {
                logClosed = true;
            }
        }
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

    // Every descendant is found first, then all are killed. (Process.Kill(entireProcessTree) kills a process
    // before it looks at its children's children: when a child dies with its parent, as in the grader's
    // bubblewrap with --die-with-parent, the grandchildren are no longer found and live on.)
    private static void StopTree(Process process)
    {
        if (OperatingSystem.IsLinux())
        {
            List<int> tree = Descendants(process.Id);
            foreach (int pid in tree)
            {
                Signal(pid, "STOP");
            }

            foreach (int pid in tree)
            {
                Signal(pid, "KILL");
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already ended.
        }
    }

    // The process and everything below it, from the parent ids in /proc.
    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                int parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                (children.TryGetValue(parent, out List<int>? list) ? list : children[parent] = []).Add(pid);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // It ended while we looked.
            }
        }

        var tree = new List<int> { root };
        for (int i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children.GetValueOrDefault(tree[i]) ?? []);
        }

        return tree;
    }

    private static void Signal(int pid, string signal)
    {
        try
        {
            using Process? kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill command: Process.Kill below does what it can.
        }
    }
}
