using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Kata.Cli.Learner.Warm;

/// <summary>
/// <c>kata watch</c>'s end of the warm worker (<see cref="WarmWorker"/>): starts it, sends it a request and
/// reads its answer, and starts a new one when asked or when it is gone. What the worker prints besides its
/// answers is kept in .kata/watch/worker.log.
/// </summary>
public sealed class WarmClient(string root, IReadOnlyList<string>? command = null) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private Process? _process;

    /// <summary>How this tool runs itself: dotnet, this program, the hidden worker command.</summary>
    public static IReadOnlyList<string> ThisTool =>
        [Environment.ProcessPath ?? "dotnet", Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly."), "worker"];

    /// <summary>The worker's output besides its answers.</summary>
    public string LogPath { get; } = Path.Combine(root, ".kata", "watch", "worker.log");

    /// <summary>Starts a worker (it warms up on its own) unless one is running.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            _process?.Dispose();
            IReadOnlyList<string> run = command ?? ThisTool;
            var start = new ProcessStartInfo(run[0])
            {
                WorkingDirectory = root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in run.Skip(1).Append(root))
            {
                start.ArgumentList.Add(argument);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
            var log = new StreamWriter(LogPath, append: false) { AutoFlush = true };
            bool closed = false;
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };

            // The last lines can arrive after the process exited (a crash's message among them): the log closes
            // when its stream ends, not when the process does.
            process.ErrorDataReceived += (_, e) =>
            {
                lock (log)
                {
                    if (closed)
                    {
                        return;
                    }

                    if (e.Data is { } line)
                    {
                        log.WriteLine(line);
                    }
                    else
                    {
                        closed = true;
                        log.Dispose();
                    }
                }
            };
            process.Start();
            process.BeginErrorReadLine();
            _process = process;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and waits for the answer; null when the worker ended before it answered
    /// (a stack overflow ends the whole process). Cancelling stops the worker.
    /// </summary>
    public WarmReply? Run(WarmRequest request, CancellationToken cancellationToken)
    {
        Start();
        Process process = _process!;
        using CancellationTokenRegistration stop = cancellationToken.Register(() => Stop(process));
        try
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(request, Json));
            process.StandardInput.Flush();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (JsonSerializer.Deserialize<WarmReply>(line, Json) is { Kind: not "ready" } reply)
                {
                    return reply;
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke: the worker is gone.
        }

        cancellationToken.ThrowIfCancellationRequested();
        Stop(process);
        return null;
    }

    /// <summary>Ends the worker and starts a new one, which warms up while the learner reads the verdict.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            if (_process is { } old)
            {
                Stop(old);
            }
        }

        Start();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_process is { } process)
            {
                Stop(process);
                process.Dispose();
                _process = null;
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }
}
