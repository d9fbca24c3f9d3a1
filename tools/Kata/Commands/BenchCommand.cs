using System.CommandLine;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata bench` — runs the benchmarks (bench/Kata.Bench) against the chosen track's code, built
/// optimized like the training program: <c>stages</c> times checkpoint 12's stages beside checkpoint
/// 1's MatMul, <c>vs-numpy</c> trains the same MLP (or with <c>--model cnn</c> the same CNN) in C# and in
/// numpy side by side (<c>vs-numpy-gpt</c> the same tiny GPT of checkpoint 14), <c>check</c> smoke-tests
/// checkpoint 12's fast paths, <c>peak</c> measures the machine's float peak and <c>benchmarks</c> runs the
/// BenchmarkDotNet suite.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var track = new Option<string>("--track") { Description = "exercises (your code, the default) or solutions (the reference).", DefaultValueFactory = _ => "exercises" };
        track.AcceptOnlyFromAmong("exercises", "solutions");
        var command = new Command(
            "bench",
            "Measure your matrix products and your network: ./kata bench stages | vs-numpy [--model mlp|cnn] [--epochs N] | vs-numpy-gpt [--steps N] | check | peak | benchmarks [BenchmarkDotNet options]. Details: checkpoints.md#12-make-it-fast.")
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

    private static readonly TrackProgram Program = new("bench/Kata.Bench", "kata-bench.dll", "the benchmarks", "bench");

    private static int Run(string track, IEnumerable<string> arguments) =>
        Program.Run(track, arguments, "fix the compiler errors above.");
}
