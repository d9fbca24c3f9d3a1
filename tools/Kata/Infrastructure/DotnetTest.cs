using System.Diagnostics;
using System.Text.Json;
using Kata.Core;

namespace Kata.Cli.Infrastructure;

/// <summary>One test result, as the kata logger writes it (tests/Kata.TestLogger).</summary>
/// <param name="Site">For a failure: where it happened, e.g. "your code: LinearAlgebra.Dot in exercises/….cs:line 17".</param>
public sealed record TestRecord(
    string Name,
    string FullyQualifiedName,
    string Outcome,
    int? Checkpoint,
    string? Kind,
    string? Message,
    double Seconds,
    string? Site = null)
{
    /// <summary>True for the kata's own rules (no checkpoint, category Rules).</summary>
    public bool IsRule => Kind == "Rules";

    /// <summary>True for an instructor's hold-out test.</summary>
    public bool IsHoldOut => Kind == "HoldOut";

    /// <summary>True for a test that passed.</summary>
    public bool Passed => Outcome == "Passed";
}

/// <summary>What one <c>dotnet test</c> run reported.</summary>
public sealed record TestRunReport(int ExitCode, bool Aborted, IReadOnlyList<string> Summary, IReadOnlyList<TestRecord> Tests, string LogPath);

/// <summary>Runs <c>dotnet test</c> on the kata and reads back every result with its checkpoint.</summary>
public static class DotnetTest
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Runs <c>dotnet test</c> in <paramref name="root"/> for the given track, with the environment
    /// variables given, writing the full output to <paramref name="logPath"/>.
    /// </summary>
    /// <param name="target">The solution or project to test; the whole solution when null.</param>
    /// <param name="cancellationToken">Stops the run (and every process it started) early: then it throws <see cref="OperationCanceledException"/>.</param>
    public static TestRunReport Run(
        string root,
        string track,
        string logPath,
        IReadOnlyDictionary<string, string?>? environment = null,
        IEnumerable<string>? extraArguments = null,
        TextWriter? echo = null,
        string? target = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        string jsonPath = Path.ChangeExtension(logPath, ".json");
        File.Delete(jsonPath);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["test", target ?? Path.Combine(root, "NeuralNetKata.slnx"), $"-p:KataTrack={track}", "--logger", $"kata;json={jsonPath}"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string argument in extraArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var log = new StreamWriter(logPath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet test`.");
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(line);
                echo?.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellationToken.Register(() => StopTree(process)))
        {
            process.WaitForExit();
        }

        cancellationToken.ThrowIfCancellationRequested();

        if (!File.Exists(jsonPath))
        {
            return new TestRunReport(process.ExitCode, Aborted: true, [], [], logPath);
        }

        var report = JsonSerializer.Deserialize<LoggerFile>(File.ReadAllText(jsonPath), JsonOptions)
            ?? throw new InvalidDataException($"{jsonPath} is empty.");
        return new TestRunReport(process.ExitCode, report.Aborted, report.Summary ?? [], report.Tests ?? [], logPath);
    }

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

    /// <summary>The repository root of the kata this tool is running in.</summary>
    public static string Root => KataPaths.Root;

    private sealed record LoggerFile(bool Aborted, List<string>? Summary, List<TestRecord>? Tests);
}
