using Kata.Core;

namespace Kata.Tests.Checkpoint09;

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
    [GradedRun("mnist10")]
    public void Your_network_classifies_all_ten_MNIST_test_digits_better_than_the_threshold() =>
        GradedMnistRun.Run(
            GradedRunSpec.TenDigits,
            Train,
            KataMetrics.Mnist10Accuracy,
            "If the other checkpoint-9 tests pass, check that the network saved and loaded is the best epoch's.");

    // Early stopping on the last training images, then the best epoch through a file: the network a program
    // would load later.
    private static TrainedNetwork Train(Dataset all, MnistSettings settings)
    {
        (Dataset train, Dataset validation) = Validation.Split(all, settings.ValidationImages);
        (Matrix x, int[] y) = GradedMnistRun.Part(GradedRunSpec.TenDigits, settings, train);
        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        var losses = new List<double>();
        List<double> curve = EarlyStopping.Train(
            network,
            _ => losses.AddRange(network.Train(x, y, settings.LearningRate, 1, settings.BatchSize)),
            () => network.Accuracy(validation.Images, validation.Labels),
            settings.Epochs,
            settings.Patience);
        curve.ShouldNotBeEmpty("EarlyStopping.Train returns the validation accuracy of every epoch that ran");
        string validated = string.Join(", ", curve.Select(a => a.ToString("P2", System.Globalization.CultureInfo.InvariantCulture)));
        return new TrainedNetwork(SavedAndLoaded(network), losses, curve.Count, $"after training on {x.Rows:N0} images ({settings.Describe()}; validation accuracy by epoch {validated})");
    }

    // The network as NetworkFile.Load reads it back after NetworkFile.Save.
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
