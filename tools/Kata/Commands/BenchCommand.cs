using System.CommandLine;
using System.Diagnostics;
using Kata.Cli.Infrastructure;
using Kata.Core;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata bench` — runs the benchmarks (bench/Kata.Bench) against the chosen track's code, built
/// optimized like the training program: <c>stages</c> times checkpoint 12's stages beside checkpoint
/// 1's MatMul, <c>vs-numpy</c> trains the same MLP in C# and in numpy side by side, <c>peak</c> measures
/// the machine's float peak and <c>benchmarks</c> runs the BenchmarkDotNet suite.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var track = new Option<string>("--track") { Description = "exercises (your code, the default) or solutions (the reference).", DefaultValueFactory = _ => "exercises" };
        track.AcceptOnlyFromAmong("exercises", "solutions");
        var command = new Command(
            "bench",
            "Measure your matrix products and your network: ./kata bench stages | vs-numpy [--epochs N] | peak | benchmarks [BenchmarkDotNet options]. Details: checkpoints.md#12-make-it-fast.")
        {
            track,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            string[] arguments = [.. parse.UnmatchedTokens];
            return Run(parse.GetValue(track)!, arguments.Length == 0 ? ["stages"] : arguments);
        });
        return command;
    }

    private static int Run(string track, IEnumerable<string> arguments)
    {
        string project = Path.Combine(KataPaths.Root, "bench", "Kata.Bench");
        Console.WriteLine($"Building the benchmarks against {track}/ (optimized) …");
        string log = Path.Combine(KataPaths.Root, "artifacts", "bench", "build.log");
        ProcessResult built = ProcessRunner.Run(
            "dotnet", ["build", project, "-c", "Release", $"-p:KataTrack={track}", "-p:KataOptimize=true", "--verbosity", "quiet", "-nologo"], KataPaths.Root, log);
        if (built.ExitCode != 0)
        {
            Console.Error.WriteLine(File.ReadAllText(log).Trim());
            Console.Error.WriteLine($"The benchmarks do not build against {track}/: fix the compiler errors above.");
            return built.ExitCode;
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory.GetCurrentDirectory(), UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(project, "bin", "Release", "net10.0", "kata-bench.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.WaitForExit();
        return process.ExitCode;
    }
}
