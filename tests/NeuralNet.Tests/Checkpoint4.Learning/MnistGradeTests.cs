using System.Diagnostics;
using Kata.Core;

namespace Kata.Tests.Checkpoint4;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The summit: your network, trained by your backpropagation on real MNIST images, must classify the
/// official test images of the chosen digits. The threshold and every training setting come from the
/// "mnist" object in curriculum.json. The data comes from $MNIST_DIR or the cache `./kata data` fills.
/// </summary>
[Checkpoint(4)]
[Grades("Training.Train")]
[TimeLimit(300)] // a guard against a loop that never ends, not a speed requirement
public sealed class MnistGradeTests
{
    [Test]
    public void Your_network_classifies_the_MNIST_test_digits_better_than_the_threshold()
    {
        MnistSettings settings = KataEnvironment.Curriculum.Mnist;
        MnistPaths files = LocateData();
        int[] digits = [.. settings.Digits];
        var clock = Stopwatch.StartNew();

        Dataset train = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        train.Images.ShouldHaveShape(train.Count, MnistSettings.Pixels);
        test.Images.ShouldHaveShape(test.Count, MnistSettings.Pixels);
        (Matrix x, int[] y) = FirstImages(train, settings.TrainingImages);

        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        List<double> losses = network.Train(x, y, settings.LearningRate, settings.Epochs, settings.BatchSize);
        double seconds = clock.Elapsed.TotalSeconds;

        losses.ShouldNotBeNull("Train should return the loss of every batch");
        int diverged = losses.FindIndex(loss => !double.IsFinite(loss));
        if (diverged >= 0)
        {
            Assert.Fail(
                $"The training loss became {losses[diverged]} at batch {diverged + 1} of {losses.Count}: make sure Softmax and "
                + "CrossEntropy subtract each row's maximum before Exp and that TrainStep subtracts learningRate × gradient "
                + "(the gradient check tests show where; see checkpoints.md#4-learning).");
        }

        double accuracy = network.Accuracy(test.Images, test.Labels);
        string digitsText = $"{digits[0]}–{digits[^1]}";
        string result =
            $"MNIST digits {digitsText}: your network classified {accuracy:P2} of the {test.Count:N0} test images correctly "
            + $"(accuracy {accuracy:F4}, needs more than {settings.Threshold:F2}) after training on {x.Rows:N0} images ({settings.Describe()}) in {seconds:F1} s.";
        TestContext.Out.WriteLine(result);
        TestContext.Progress.WriteLine(KataRunAttribute.MessagePrefix + result);
        KataMetrics.Report(KataMetrics.MnistAccuracy, accuracy);

        accuracy.ShouldBeGreaterThan(
            settings.Threshold,
            $"your network classified {accuracy:P1} of the test images correctly; it must exceed {settings.Threshold:P0}. "
            + "If the other checkpoint-4 tests pass, check that Train walks through every batch of every epoch and that Predict takes the largest score.");
    }

    /// <summary>The MNIST files, or a failed test whose message says how to get them.</summary>
    internal static MnistPaths LocateData()
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

    // The first `count` training images (0: all of them), as one contiguous block of rows.
    private static (Matrix X, int[] Y) FirstImages(Dataset data, int count)
    {
        int n = count == 0 ? data.Count : Math.Min(count, data.Count);
        return n == data.Count
            ? (data.Images, data.Labels)
            : (new Matrix(n, data.Images.Cols, data.Images.Data[..(n * data.Images.Cols)]), data.Labels[..n]);
    }
}
