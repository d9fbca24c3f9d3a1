using System.Diagnostics;
using Kata.Core;
using NeuralNet;
using Spectre.Console;

namespace Kata.Train;

/// <summary>
/// Checkpoint 9's run (<c>./kata train --digits 0-9</c>): the last training images are kept apart for
/// validation with the learner's Validation.Split, the learner's EarlyStopping.Train trains one epoch at a
/// time and keeps the best one, and the learner's NetworkFile saves it beside the loss curve.
/// </summary>
internal static class EarlyStoppingRun
{
    public static int Train(MnistSettings settings, MnistPaths files, string pngPath, Kernel kernel, string graded)
    {
        int[] digits = [.. settings.Digits];
        var clock = Stopwatch.StartNew();
        Dataset all = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        (Dataset train, Dataset validation) = Validation.Split(all, settings.ValidationImages);
        (Matrix x, int[] y) = TrainingRun.First(train, settings.TrainingImages);
        AnsiConsole.WriteLine(
            $"MNIST digits {string.Join(", ", digits)} from {files.Directory}: {x.Rows:N0} training, {validation.Count:N0} validation "
            + $"(the last of the training set) and {test.Count:N0} test images, read in {clock.Elapsed.TotalSeconds:F1} s.");
        int batches = TrainingRun.BatchesPerEpoch(x.Rows, settings);
        TrainingRun.Announce(
            settings.Describe(), settings, TrainingPlan.Plain, x, y, kernel, (long)batches * settings.Epochs,
            atMost: settings.Patience > 0, besides: "the validation after each epoch comes on top");

        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation)) { MatMul = kernel.Multiply };
        var losses = new List<double>();
        int epochs = 0;
        var run = new RunClock((long)batches * settings.Epochs, atMost: settings.Patience > 0);
        clock.Restart();
        List<double> curve = EarlyStopping.Train(
            network,
            epoch =>
            {
                epochs = epoch;
                losses.AddRange(TrainingRun.TrainWithProgress(
                    report => network.Train(x, y, settings.LearningRate, 1, settings.BatchSize, p => report(p with { Epoch = epoch, Epochs = settings.Epochs })),
                    batches,
                    run));
            },
            () => ValidationAccuracy(epochs, network.Accuracy(validation.Images, validation.Labels)),
            settings.Epochs,
            settings.Patience > 0 ? settings.Patience : settings.Epochs); // patience 0: never stop early, still keep the best epoch
        double trainSeconds = clock.Elapsed.TotalSeconds;

        int best = curve.IndexOf(curve.Max()) + 1;
        AnsiConsole.WriteLine(
            $"Early stopping: {curve.Count} epoch{(curve.Count == 1 ? string.Empty : "s")} ran; the network of epoch {best} is kept "
            + $"(validation accuracy {curve[best - 1]:P2}).");
        string saved = Path.ChangeExtension(Pictures.Beside(pngPath, "network"), ".nnet");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        NetworkFile.Save(network, saved);
        AnsiConsole.WriteLine($"Saved with your NetworkFile: {TrainingRun.Shown(saved)}");

        TrainingRun.Report(settings with { Epochs = curve.Count }, test, network.Predict(test.Images), losses, trainSeconds, (long)x.Rows * curve.Count, pngPath, graded);
        string weights = Pictures.Beside(pngPath, "weights");
        Pictures.FirstLayer(weights, network.Weights[0]);
        AnsiConsole.WriteLine($"First layer's weights: {TrainingRun.Shown(weights)}");

        return 0;
    }

    /// <summary>Prints the epoch's validation accuracy and hands it on.</summary>
    internal static double ValidationAccuracy(int epoch, double accuracy)
    {
        AnsiConsole.WriteLine($"  epoch {epoch}: validation accuracy {accuracy:P2}");
        return accuracy;
    }
}
