using System.Diagnostics;
using System.Globalization;
using Kata.Core;

namespace Kata.Tests;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>How a graded test trains: the network it trained, every batch's loss, the epochs that ran, and a few words on it.</summary>
internal sealed record TrainedNetwork(Network Network, List<double> Losses, int Epochs, string Detail);

/// <summary>
/// The graded MNIST runs (<see cref="GradedRunSpec"/>: checkpoint 4's digits 0–4 and its hold-out,
/// checkpoint 9's ten digits). Each run has three steps: the test's own trainer trains the learner's
/// network on the training images, the trained network predicts every test image, and the predictions
/// are compared with the labels. On the learner's machine this helper does the comparison and the test
/// passes above the threshold of curriculum.json. When the grader runs it, the t10k labels are not in its
/// sandbox: the helper reports the trained network and its predictions (and a control run on relabelled
/// digits), and the grader judges the run outside. The data comes from $MNIST_DIR or `./kata data`'s cache.
/// </summary>
internal static class GradedMnistRun
{
    /// <summary>Trains a network on <paramref name="all"/> (every training image of the digits) with <paramref name="settings"/>.</summary>
    public delegate TrainedNetwork Trainer(Dataset all, MnistSettings settings);

    public static void Run(GradedRunSpec spec, Trainer train, string metric, string ifTooLow)
    {
        MnistSettings settings = spec.Settings(KataEnvironment.Curriculum) with { Seed = spec.Settings(KataEnvironment.Curriculum).Seed + spec.SeedOffset };
        if (MnistData.IsSealed)
        {
            RunForTheGrader(spec, settings, train);
            return;
        }

        MnistPaths files = LocateData();
        int[] digits = [.. settings.Digits];
        var clock = Stopwatch.StartNew();
        Dataset all = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        all.Images.ShouldHaveShape(all.Count, MnistSettings.Pixels);
        test.Images.ShouldHaveShape(test.Count, MnistSettings.Pixels);

        // 1. Train.
        TrainedNetwork trained = train(all, settings);
        double seconds = clock.Elapsed.TotalSeconds;
        ShouldNotHaveDiverged(trained.Losses);

        // 2. Predict the test images.
        int[] predictions = trained.Network.Predict(test.Images);

        // 3. Compare with their labels.
        predictions.ShouldNotBeNull("Predict should return one class per test image");
        predictions.Length.ShouldBe(test.Count, "Predict should return one class per test image");
        double accuracy = (double)predictions.Where((p, i) => p == test.Labels[i]).Count() / test.Count;
        string which = settings.Digits.Count == 10 ? "all ten digits" : $"digits {settings.Digits[0]}–{settings.Digits[^1]}";
        string result = string.Create(
            CultureInfo.InvariantCulture,
            $"MNIST {which}: your network classified {accuracy:P2} of the {test.Count:N0} test images correctly "
            + $"(accuracy {accuracy:F4}, needs more than {settings.Threshold:F2}) {trained.Detail} in {seconds:F1} s.");
        TestContext.Out.WriteLine(result);
        if (spec.SeedOffset == 0)
        {
            TestContext.Progress.WriteLine(KataRunAttribute.MessagePrefix + result);
            KataMetrics.Report(metric, accuracy);
        }

        accuracy.ShouldBeGreaterThan(
            settings.Threshold,
            $"your network classified {accuracy:P1} of the test images correctly; it must exceed {settings.Threshold:P0}. {ifTooLow}");
    }

    /// <summary>The part of <paramref name="data"/> the run trains on (<see cref="GradedRunSpec.Slice"/>), as one block of rows.</summary>
    public static (Matrix X, int[] Y) Part(GradedRunSpec spec, MnistSettings settings, Dataset data)
    {
        (int start, int count) = spec.Slice(data.Count, settings);
        int cols = data.Images.Cols;
        return (new Matrix(count, cols, data.Images.Data[(start * cols)..((start + count) * cols)]), data.Labels[start..(start + count)]);
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

    /// <summary>Fails, naming the batch, when a training loss is not a number.</summary>
    public static void ShouldNotHaveDiverged(List<double> losses)
    {
        losses.ShouldNotBeNull("Train should return the loss of every batch");
        int diverged = losses.FindIndex(loss => !double.IsFinite(loss));
        if (diverged >= 0)
        {
            Assert.Fail(
                $"The training loss became {losses[diverged]} at batch {diverged + 1} of {losses.Count}: make sure Softmax and "
                + "CrossEntropy subtract each row's maximum before Exp and that TrainStep subtracts learningRate × gradient "
                + "(the gradient check tests show where; see checkpoints.md#4-learning).");
        }
    }

    // In the grader's sandbox: train, predict every t10k image, train the control run on the digits the
    // grader relabelled, and report both. The grader has the labels and judges the run.
    private static void RunForTheGrader(GradedRunSpec spec, MnistSettings settings, Trainer train)
    {
        SealedMnistPaths files = MnistData.LocateSealed(spec.SettingsKey);
        int[] digits = [.. settings.Digits];
        Dataset all = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Matrix testImages = Mnist.ReadImages(files.TestImages);
        all.Images.ShouldHaveShape(all.Count, MnistSettings.Pixels);
        testImages.Cols.ShouldBe(MnistSettings.Pixels);

        TrainedNetwork trained = train(all, settings);
        ShouldNotHaveDiverged(trained.Losses);
        int[] predictions = trained.Network.Predict(testImages);

        GradedRunReport report = Report(spec.Name, trained, predictions);
        if (!spec.Control)
        {
            KataRecords.Send(report);
            return;
        }

        // The control run: the same images in the same order (as Load keeps them), the digits relabelled.
        int[] controlClasses = [.. Mnist.ReadLabels(files.ControlTrainLabels).Where(digits.Contains).Select(d => Array.IndexOf(digits, d))];
        controlClasses.Length.ShouldBe(all.Count, "the control labels should keep the same samples as the training labels");
        TrainedNetwork control = train(new Dataset(all.Images, controlClasses), settings with { TrainingImages = GradedRunSpec.ControlImages });
        int[] controlPredictions = control.Network.Predict(testImages);

        KataRecords.Send(report with { Control = Report(spec.Name + ".control", control, controlPredictions) });
    }

    private static GradedRunReport Report(string name, TrainedNetwork trained, int[] predictions) => new(
        name,
        [.. trained.Network.LayerSizes],
        trained.Network.HiddenActivation.ToString(),
        trained.Losses,
        [.. trained.Network.Weights.Select(w => w.Data)],
        trained.Network.Biases,
        predictions,
        Control: null,
        trained.Epochs);
}
