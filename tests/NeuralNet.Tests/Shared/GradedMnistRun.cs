using System.Globalization;
using Kata.Core;

namespace Kata.Tests;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// What the graded MNIST runs of checkpoint 4 (digits 0–4) and checkpoint 9 (all ten digits) share. Each
/// run has three separate steps: train the learner's network (the test's own part), let the trained
/// network predict the class of every test image, then <see cref="Grade"/> compares those predictions
/// with the labels. The data comes from $MNIST_DIR or the cache `./kata data` fills.
/// </summary>
internal static class GradedMnistRun
{
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

    /// <summary>Every training and every test (t10k) image of the settings' digits, read with the learner's reader.</summary>
    public static (Dataset Train, Dataset Test) Load(MnistSettings settings)
    {
        MnistPaths files = LocateData();
        int[] digits = [.. settings.Digits];
        Dataset train = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        train.Images.ShouldHaveShape(train.Count, MnistSettings.Pixels);
        test.Images.ShouldHaveShape(test.Count, MnistSettings.Pixels);
        return (train, test);
    }

    /// <summary>The first <paramref name="count"/> samples (0: all of them), as one contiguous block of rows.</summary>
    public static (Matrix X, int[] Y) FirstImages(Dataset data, int count)
    {
        int n = count == 0 ? data.Count : Math.Min(count, data.Count);
        return n == data.Count
            ? (data.Images, data.Labels)
            : (new Matrix(n, data.Images.Cols, data.Images.Data[..(n * data.Images.Cols)]), data.Labels[..n]);
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

    /// <summary>
    /// The last step: compares the network's <paramref name="predictions"/> for the test images with their
    /// labels, prints the result at the end of the run (<paramref name="training"/> says how the network was
    /// trained), reports the accuracy to the grader under <paramref name="metric"/>, and passes when it is
    /// above the settings' threshold.
    /// </summary>
    public static void Grade(MnistSettings settings, Dataset test, int[] predictions, string training, string metric, string ifTooLow)
    {
        predictions.ShouldNotBeNull("Predict should return one class per test image");
        predictions.Length.ShouldBe(test.Count, "Predict should return one class per test image");
        double accuracy = (double)predictions.Where((p, i) => p == test.Labels[i]).Count() / test.Count;

        string digits = settings.Digits.Count == 10 ? "all ten digits" : $"digits {settings.Digits[0]}–{settings.Digits[^1]}";
        string result = string.Create(
            CultureInfo.InvariantCulture,
            $"MNIST {digits}: your network classified {accuracy:P2} of the {test.Count:N0} test images correctly "
            + $"(accuracy {accuracy:F4}, needs more than {settings.Threshold:F2}) {training}.");
        TestContext.Out.WriteLine(result);
        TestContext.Progress.WriteLine(KataRunAttribute.MessagePrefix + result);
        KataMetrics.Report(metric, accuracy);

        accuracy.ShouldBeGreaterThan(
            settings.Threshold,
            $"your network classified {accuracy:P1} of the test images correctly; it must exceed {settings.Threshold:P0}. {ifTooLow}");
    }
}
