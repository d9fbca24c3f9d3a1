using System.CommandLine;
using BenchmarkDotNet.Running;
using Kata.Bench;

// ./kata bench <command> runs this with the chosen track's code, built optimized (KataOptimize=true).
var stages = new Command("stages", "A quick table (seconds, not minutes): GFLOP/s of the naive product, checkpoint 1's MatMul and each checkpoint-12 stage, and what a second thread costs beside one batch's product.");
stages.SetAction(_ => Stages.Run());

var check = new Command("check", "Correctness in a few seconds, not speed: checkpoint 12's products and fast training against the definition and the track's own training (what ./kata verify runs).");
check.SetAction(_ => SmokeCheck.Run());

var epochs = new Option<int>("--epochs") { Description = "Epochs of the MLP (default 5).", DefaultValueFactory = _ => 5 };
var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate (default 0.5: 99 % of the test images right after 3 epochs).", DefaultValueFactory = _ => 0.5 };
var batchSize = new Option<int>("--batch-size") { Description = "Samples per step (default 64).", DefaultValueFactory = _ => 64 };
var hidden = new Option<int>("--hidden") { Description = "Neurons of the hidden layer (default 128).", DefaultValueFactory = _ => 128 };
var kernels = new Option<string>("--kernels") { Description = "The C# products to train with, comma-separated: naive, clear, fast … (default clear,fast).", DefaultValueFactory = _ => "clear,fast" };
var withoutNumpy = new Option<bool>("--without-numpy") { Description = "Run the C# half only." };
var vsNumpy = new Command("vs-numpy", "The same MLP (784-128-5 ReLU, batches of 64, learning rate 0.5, 5 epochs, MNIST digits 0-4) trained in C# and in numpy, side by side: time per epoch, test accuracy, ratio.")
{
    epochs, learningRate, batchSize, hidden, kernels, withoutNumpy,
};
vsNumpy.SetAction(parse => VsNumpy.Run(
    new Mlp([parse.GetValue(hidden)], parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(epochs), Seed: 1),
    parse.GetValue(kernels)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    withNumpy: !parse.GetValue(withoutNumpy)));

var peak = new Command("peak", "Measure this machine's float peak: fused multiply-adds on registers, on one core and on all.");
peak.SetAction(_ =>
{
    Console.WriteLine(Machine.Describe());
    Console.WriteLine(Peak.Describe());
    return 0;
});

var benchmarks = new Command("benchmarks", "The BenchmarkDotNet benchmarks (MatMulBenchmarks, EpochBenchmarks); BenchmarkDotNet's own options follow, e.g. --filter *MatMul*. Takes minutes.")
{
    TreatUnmatchedTokensAsErrors = false,
};
benchmarks.SetAction(parse =>
{
    Console.WriteLine(Machine.Describe());
    string[] arguments = [.. parse.UnmatchedTokens];
    if (!arguments.Contains("--filter") && !arguments.Contains("-f"))
    {
        arguments = [.. arguments, "--filter", "*"];
    }

    BenchmarkSwitcher.FromAssembly(typeof(MatMulBenchmarks).Assembly).Run(arguments);
    Console.WriteLine($"Load average at the end: {Machine.Load()}.");
    return 0;
});

var root = new RootCommand("The kata's benchmarks: how fast the matrix products and the network of the chosen track are, and how they compare with numpy.")
{
    stages, vsNumpy, peak, benchmarks, check,
};
return root.Parse(args).Invoke();
