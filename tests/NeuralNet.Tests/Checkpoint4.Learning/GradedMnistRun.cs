using System.Diagnostics;
using Kata.Core;

namespace Kata.Tests.Checkpoint4;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// A graded MNIST run (<see cref="GradedRunSpec"/>): your <c>Mnist.Load</c> reads the training images,
/// a new <c>Network</c> learns them with your <c>Train</c>, and your <c>Predict</c> answers for the t10k
/// test images. On your machine the test measures the accuracy and compares it with the threshold of
/// curriculum.json. When the grader runs it, the t10k labels are not there: the test reports the trained
/// network and its answers, and the grader computes the accuracy and checks the run.
/// </summary>
internal static class GradedMnistRun
{
    public static void Run(GradedRunSpec spec)
    {
        MnistSettings settings = spec.Settings(KataEnvironment.Curriculum);
        int[] digits = [.. settings.Digits];
        if (MnistData.IsSealed)
        {
            RunForTheGrader(spec, settings, digits);
            return;
        }

        MnistPaths files = LocateData();
        var clock = Stopwatch.StartNew();
        Dataset train = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        train.Images.ShouldHaveShape(train.Count, MnistSettings.Pixels);
        test.Images.ShouldHaveShape(test.Count, MnistSettings.Pixels);

        (Matrix x, int[] y) = Part(spec, settings, train);
        (Network network, _) = Train(x, y, settings, spec.SeedOffset);
        double seconds = clock.Elapsed.TotalSeconds;
        double accuracy = network.Accuracy(test.Images, test.Labels);

        string result =
            $"MNIST digits {digits[0]}–{digits[^1]}: your network classified {accuracy:P2} of the {test.Count:N0} test images correctly "
            + $"(accuracy {accuracy:F4}, needs more than {settings.Threshold:F2}) after training on {x.Rows:N0} images "
            + $"({Describe(settings, spec)}) in {seconds:F1} s.";
        TestContext.Out.WriteLine(result);
        if (spec == GradedRunSpec.Mnist)
        {
            TestContext.Progress.WriteLine(KataRunAttribute.MessagePrefix + result);
            KataMetrics.Report(KataMetrics.MnistAccuracy, accuracy);
        }

        accuracy.ShouldBeGreaterThan(
            settings.Threshold,
            $"your network classified {accuracy:P1} of the test images correctly; it must exceed {settings.Threshold:P0}. "
            + "If the other checkpoint-4 tests pass, check that Train walks through every batch of every epoch and that Predict takes the largest score.");
    }

    /// <summary>The MNIST files, or a failed test whose message says how to get them.</summary>
    public static MnistPaths LocateData()
    {
        try
        {
            return MnistData.Locate();
        }
        catch (MnistDataException error)
        {
            Assert.Fail(error.Message);
            throw;
        }
    }

    // In the grader's sandbox: train, predict every t10k image, train the control run on relabelled
    // digits, and report both. The grader has the labels and judges the run.
    private static void RunForTheGrader(GradedRunSpec spec, MnistSettings settings, int[] digits)
    {
        SealedMnistPaths files = MnistData.LocateSealed(spec.SettingsKey);
        Dataset train = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Matrix testImages = Mnist.ReadImages(files.TestImages);
        train.Images.ShouldHaveShape(train.Count, MnistSettings.Pixels);
        testImages.Cols.ShouldBe(MnistSettings.Pixels);

        (Matrix x, int[] y) = Part(spec, settings, train);
        (Network network, List<double> losses) = Train(x, y, settings, spec.SeedOffset);
        int[] predictions = network.Predict(testImages);

        // The control run: the same images, the digits relabelled by the grader (the same order as Load keeps them).
        int[] controlClasses = [.. Mnist.ReadLabels(files.ControlTrainLabels).Where(digits.Contains).Select(d => Array.IndexOf(digits, d))];
        controlClasses.Length.ShouldBe(train.Count, "the control labels should keep the same samples as the training labels");
        int n = Math.Min(GradedRunSpec.ControlImages, train.Count);
        var controlX = new Matrix(n, train.Images.Cols, train.Images.Data[..(n * train.Images.Cols)]);
        (Network control, List<double> controlLosses) = Train(controlX, controlClasses[..n], settings, spec.SeedOffset);
        int[] controlPredictions = control.Predict(testImages);

        KataRecords.Send(Report(spec.Name, network, losses, predictions) with { Control = Report(spec.Name + ".control", control, controlLosses, controlPredictions) });
    }

    private static (Network Network, List<double> Losses) Train(Matrix x, int[] y, MnistSettings settings, int seedOffset)
    {
        var network = new Network(settings.LayerSizes, settings.Seed + seedOffset, Enum.Parse<Activation>(settings.Activation));
        List<double> losses = network.Train(x, y, settings.LearningRate, settings.Epochs, settings.BatchSize);
        losses.ShouldNotBeNull("Train should return the loss of every batch");
        int diverged = losses.FindIndex(loss => !double.IsFinite(loss));
        if (diverged >= 0)
        {
            Assert.Fail(
                $"The training loss became {losses[diverged]} at batch {diverged + 1} of {losses.Count}: make sure Softmax and "
                + "CrossEntropy subtract each row's maximum before Exp and that TrainStep subtracts learningRate × gradient "
                + "(the gradient check tests show where; see checkpoints.md#4-learning).");
        }

        return (network, losses);
    }

    private static (Matrix X, int[] Y) Part(GradedRunSpec spec, MnistSettings settings, Dataset data)
    {
        (int start, int count) = spec.Slice(data.Count, settings);
        int cols = data.Images.Cols;
        return (new Matrix(count, cols, data.Images.Data[(start * cols)..((start + count) * cols)]), data.Labels[start..(start + count)]);
    }

    private static GradedRunReport Report(string name, Network network, List<double> losses, int[] predictions) => new(
        name,
        [.. network.LayerSizes],
        network.HiddenActivation.ToString(),
        losses,
        [.. network.Weights.Select(w => w.Data)],
        network.Biases,
        predictions,
        Control: null);

    private static string Describe(MnistSettings settings, GradedRunSpec spec) =>
        (settings with { Seed = settings.Seed + spec.SeedOffset }).Describe()
        + (spec.Part == TrainingPart.Last ? ", the last training images" : string.Empty);
}
