using System.CommandLine;
using BenchmarkDotNet.Running;
using Kata.Bench;

// ./kata bench <command> runs this with the chosen track's code, built optimized (KataOptimize=true).
var stages = new Command("stages", "A quick table (seconds, not minutes): GFLOP/s of the naive product, checkpoint 1's MatMul and each checkpoint-12 stage, and what a second thread costs beside one batch's product.");
stages.SetAction(_ => Stages.Run());

var check = new Command("check", "Correctness in a few seconds, not speed: checkpoint 12's products and fast training against the definition and the track's own training (what ./kata verify runs).");
check.SetAction(_ => SmokeCheck.Run());

var model = new Option<string>("--model") { Description = "mlp (checkpoint 4's network, the default) or cnn (checkpoint 10's convolutional network).", DefaultValueFactory = _ => "mlp" };
model.AcceptOnlyFromAmong("mlp", "cnn");
var epochs = new Option<int?>("--epochs") { Description = "Epochs (default 5; with --model cnn 3)." };
var learningRate = new Option<double?>("--learning-rate") { Description = "Learning rate (default 0.5: 99 % of the test images right after 3 epochs; with --model cnn 0.1)." };
var batchSize = new Option<int?>("--batch-size") { Description = "Samples per step (default 64; with --model cnn 32)." };
var hidden = new Option<int?>("--hidden") { Description = "Neurons of the hidden layer (default 128, with --model cnn too)." };
var filters = new Option<int>("--filters") { Description = "With --model cnn: 5x5 filters (default 16).", DefaultValueFactory = _ => 16 };
var images = new Option<int>("--images") { Description = "With --model cnn: train on the first N training images (default 50,000, as ./kata train --model cnn).", DefaultValueFactory = _ => 50_000 };
var kernels = new Option<string?>("--kernels") { Description = "The C# runs, comma-separated: naive, clear, fast (checkpoint 4's Train on checkpoint 12's product), step (checkpoint 12's FastTraining); default clear,fast,step, with --model cnn step (clear takes minutes per epoch)." };
var withoutNumpy = new Option<bool>("--without-numpy") { Description = "Run the C# half only." };
var vsNumpy = new Command("vs-numpy", "The same network trained in C# and in numpy, side by side, taking turns epoch by epoch: time per epoch, test accuracy, ratio. The MLP 784-128-5 ReLU on MNIST digits 0-4 (batches of 64, learning rate 0.5, 5 epochs), or with --model cnn checkpoint 10's network on all ten digits.")
{
    model, epochs, learningRate, batchSize, hidden, filters, images, kernels, withoutNumpy,
};
vsNumpy.SetAction(parse =>
{
    bool cnn = parse.GetValue(model) == "cnn";
    string[] runs = (parse.GetValue(kernels) ?? (cnn ? "step" : "clear,fast,step")).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    return cnn
        ? VsNumpy.Run(
            new Cnn(parse.GetValue(filters), 5, [parse.GetValue(hidden) ?? 128], parse.GetValue(batchSize) ?? 32, parse.GetValue(learningRate) ?? 0.1, parse.GetValue(epochs) ?? 3, parse.GetValue(images), Seed: 1),
            runs,
            withNumpy: !parse.GetValue(withoutNumpy))
        : VsNumpy.Run(
            new Mlp([parse.GetValue(hidden) ?? 128], parse.GetValue(batchSize) ?? 64, parse.GetValue(learningRate) ?? 0.5, parse.GetValue(epochs) ?? 5, Seed: 1),
            runs,
            withNumpy: !parse.GetValue(withoutNumpy));
});

var steps = new Option<int>("--steps") { Description = "Training steps (default 2,000, as ./kata train --model gpt).", DefaultValueFactory = _ => Kata.Core.TrainingDefaults.GptSteps };
var withoutNumpyGpt = new Option<bool>("--without-numpy") { Description = "Run the C# half only." };
var vsNumpyGpt = new Command("vs-numpy-gpt", "Checkpoint 14's tiny GPT on checkpoints.md (./kata train --model gpt's sizes) trained in C# and in numpy, side by side, from the same parameters over the same windows: time per step, validation loss, ratio.")
{
    steps, withoutNumpyGpt,
};
vsNumpyGpt.SetAction(parse => GptVsNumpy.Run(parse.GetValue(steps), withNumpy: !parse.GetValue(withoutNumpyGpt)));

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
    stages, vsNumpy, vsNumpyGpt, peak, benchmarks, check,
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Kata.Core.MnistDataException missing)
{
    // MNIST missing, truncated or altered: its sentence says what to do, no stack trace (3: the kata's
    // exit code for what the environment lacks).
    Console.Error.WriteLine(missing.Message);
    return 3;
}
