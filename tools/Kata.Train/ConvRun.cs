using System.Diagnostics;
using Kata.Core;
using NeuralNet;
using Spectre.Console;

namespace Kata.Train;

/// <summary>
/// Checkpoint 10's run (<c>./kata train --model cnn</c>): the learner's ConvNetwork — convolution, ReLU,
/// 2x2 max-pooling, then the dense layers — trained with its own Train (<c>--kernel clear</c>) or with
/// checkpoint 12's FastTraining.TrainConv (<c>--kernel fast</c>, the default once it is written), the validation
/// accuracy after each epoch, then the test accuracy, the loss curve, the mistakes and the filters.
/// </summary>
internal static class ConvRun
{
    // Images per Predict call: im2col copies every pixel k·k times, so all 10,000 test images at once would take over a gigabyte.
    private const int Chunk = 1000;

    /// <summary>What the graded tests ask of this run, for the line with the test accuracy: nothing.</summary>
    public const string Graded = "no graded test trains a convolutional network on MNIST (checkpoint 10's tests train one to tell vertical from horizontal bars).";

    public static int Train(MnistSettings settings, int filters, int kernelSize, MnistPaths files, string pngPath, bool fast, bool chosen)
    {
        int[] digits = [.. settings.Digits];
        var clock = Stopwatch.StartNew();
        Dataset all = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        (Dataset train, Dataset? validation) = settings.ValidationImages > 0 ? Validation.Split(all, settings.ValidationImages) : (all, null);
        (Matrix x, int[] y) = TrainingRun.First(train, settings.TrainingImages);
        AnsiConsole.WriteLine(
            $"MNIST digits {string.Join(", ", digits)} from {files.Directory}: {x.Rows:N0} training, {validation?.Count ?? 0:N0} validation "
            + $"and {test.Count:N0} test images, read in {clock.Elapsed.TotalSeconds:F1} s.");

        var network = new ConvNetwork(
            new ImageShape(28, 28, 1), filters, kernelSize, [.. settings.HiddenLayers], digits.Length, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        AnsiConsole.WriteLine($"Network {network}; learning rate {settings.LearningRate}, {settings.Epochs} epochs, batches of {settings.BatchSize}, seed {settings.Seed}.");
        AnsiConsole.WriteLine(fast
            ? "Trained by checkpoint 12's FastTraining.TrainConv (im2col on the fast product, float buffers reused by every batch); --kernel clear trains with your checkpoint-10 code."
            : chosen
                ? "Trained by your checkpoint-10 ConvNetwork.Train (--kernel clear)."
                : "Trained by your checkpoint-10 ConvNetwork.Train: checkpoint 12's FastTraining.TrainConv, which takes minutes instead of half an hour, is not written yet (checkpoints.md#12-make-it-fast).");
        int batches = TrainingRun.BatchesPerEpoch(x.Rows, settings);
        var copy = new ConvNetwork(
            new ImageShape(28, 28, 1), filters, kernelSize, [.. settings.HiddenLayers], digits.Length, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        (Matrix wx, int[] wy) = WarmUp.First(x, y, WarmUp.MaxBatches * settings.BatchSize);
        WarmUp? warmUp = WarmUp.Measure(report => TrainEpoch(copy, wx, wy, settings, fast, report));
        AnsiConsole.WriteLine(WarmUp.Describe(warmUp, (long)batches * settings.Epochs, besides: validation is null ? null : "the validation after each epoch comes on top"));

        var losses = new List<double>();
        var run = new RunClock((long)batches * settings.Epochs);
        clock.Restart();
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            int current = epoch;
            losses.AddRange(TrainingRun.TrainWithProgress(
                report => TrainEpoch(network, x, y, settings, fast, p => report(p with { Epoch = current, Epochs = settings.Epochs })),
                batches,
                run));
            if (validation is not null)
            {
                EarlyStoppingRun.ValidationAccuracy(epoch, Accuracy(Predict(network, validation.Images, fast), validation.Labels));
            }
        }

        double trainSeconds = clock.Elapsed.TotalSeconds;
        string shortName = $"conv {filters} x {kernelSize}x{kernelSize} → max-pool → {string.Join('-', network.Dense.LayerSizes)}"; // fits the plot's title
        TrainingRun.Report(settings, test, Predict(network, test.Images, fast), losses, trainSeconds, (long)x.Rows * settings.Epochs, pngPath, Graded, shortName);
        string picture = Pictures.Beside(pngPath, "filters");
        Pictures.Filters(picture, network.Conv);
        AnsiConsole.WriteLine($"Filters: {TrainingRun.Shown(picture)}");
        return 0;
    }

    // One epoch of the learner's checkpoint-10 Train or of checkpoint 12's FastTraining.TrainConv.
    private static List<double> TrainEpoch(ConvNetwork network, Matrix x, int[] y, MnistSettings settings, bool fast, Action<TrainingProgress> report) => fast
        ? FastTraining.TrainConv(network, x, y, settings.LearningRate, 1, settings.BatchSize, report)
        : network.Train(x, y, settings.LearningRate, 1, settings.BatchSize, report);

    private static int[] Predict(ConvNetwork network, Matrix images, bool fast) => fast ? FastTraining.PredictConv(network, images) :
        [.. Enumerable.Range(0, (images.Rows + Chunk - 1) / Chunk).SelectMany(c =>
        {
            int start = c * Chunk, rows = Math.Min(Chunk, images.Rows - start);
            return network.Predict(new Matrix(rows, images.Cols, images.Data[(start * images.Cols)..((start + rows) * images.Cols)]));
        })];

    private static double Accuracy(int[] predicted, int[] labels) => (double)predicted.Where((p, i) => p == labels[i]).Count() / labels.Length;
}
