using System.Diagnostics;
using Kata.Core;

namespace Kata.Tests.Checkpoint9;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The graded run on all ten digits: your network, trained with your early stopping on a validation set
/// from the end of the training images, saved and loaded with your NetworkFile, must classify all 10,000
/// official test images (t10k). The threshold and every setting come from the "mnist10" object in
/// curriculum.json; the test images are used only after training, for the grade.
/// </summary>
[Checkpoint(9)]
[Grades("Validation.Split", "EarlyStopping.Train", "NetworkFile.Save", "NetworkFile.Load")]
[TimeLimit(300)] // a guard against a loop that never ends, not a speed requirement
public sealed class TenDigitGradeTests
{
    [Test]
    public void Your_network_classifies_all_ten_MNIST_test_digits_better_than_the_threshold()
    {
        MnistSettings settings = KataEnvironment.Curriculum.Mnist10
            ?? throw new InvalidOperationException("curriculum.json has no \"mnist10\" settings for checkpoint 9's graded run.");
        var clock = Stopwatch.StartNew();
        (Dataset all, Dataset test) = GradedMnistRun.Load(settings);

        // 1. Train, with early stopping on the last training images, and keep the best epoch in a file.
        (Dataset train, Dataset validation) = Validation.Split(all, settings.ValidationImages);
        (Matrix x, int[] y) = GradedMnistRun.FirstImages(train, settings.TrainingImages);
        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        var losses = new List<double>();
        List<double> curve = EarlyStopping.Train(
            network,
            _ => losses.AddRange(network.Train(x, y, settings.LearningRate, 1, settings.BatchSize)),
            () => network.Accuracy(validation.Images, validation.Labels),
            settings.Epochs,
            settings.Patience);
        double seconds = clock.Elapsed.TotalSeconds;
        GradedMnistRun.ShouldNotHaveDiverged(losses);
        curve.ShouldNotBeEmpty("EarlyStopping.Train returns the validation accuracy of every epoch that ran");
        Network trained = SavedAndLoaded(network);

        // 2. Predict the test images.
        int[] predictions = trained.Predict(test.Images);

        // 3. Compare with their labels.
        string validated = string.Join(", ", curve.Select(a => a.ToString("P2", System.Globalization.CultureInfo.InvariantCulture)));
        GradedMnistRun.Grade(
            settings,
            test,
            predictions,
            $"after training on {x.Rows:N0} images ({settings.Describe()}; validation accuracy by epoch {validated}) in {seconds:F1} s",
            KataMetrics.Mnist10Accuracy,
            "If the other checkpoint-9 tests pass, check that the network saved and loaded is the best epoch's.");
    }

    // The network as NetworkFile.Load reads it back after NetworkFile.Save: what a program would use later.
    private static Network SavedAndLoaded(Network network)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kata-ten-digits-{Guid.NewGuid():N}.nnet");
        try
        {
            NetworkFile.Save(network, path);
            return NetworkFile.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
