using Kata.Tests.Checkpoint4;

namespace Kata.Tests.Checkpoint9.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 9: another validation curve, another split, a network of the graded size
/// through the file, and a file with bytes after its checksum — so code tuned to the visible cases is caught.
/// </summary>
[Checkpoint(9)]
[HoldOut]
public sealed class TenDigitsHoldOutTests
{
    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_with_patience_two_keeps_the_best_of_a_noisy_curve_and_stops_in_time()
    {
        // Best 0.83 at epoch 4; epochs 5 and 6 do not beat it; training stops after epoch 6.
        double[] curve = [0.70, 0.80, 0.79, 0.83, 0.83, 0.82, 0.99];

        EarlyStoppingTests.Script run = EarlyStoppingTests.Script.Run(curve, maxEpochs: 7, patience: 2);

        run.ShouldHaveRun(epochs: 6, bestEpoch: 4, "epoch 4 (0.83) is best; 0.83 again at epoch 5 is no improvement");
    }

    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_stops_at_max_epochs_even_when_patience_would_allow_more()
    {
        double[] curve = [0.50, 0.40, 0.45, 0.48];

        EarlyStoppingTests.Script run = EarlyStoppingTests.Script.Run(curve, maxEpochs: 3, patience: 5);

        run.ShouldHaveRun(epochs: 3, bestEpoch: 1, "maxEpochs is 3, and epoch 1 stays the best");
    }

    [Grades("Validation.Split")]
    [Test]
    public void Split_of_an_uneven_count_keeps_exactly_the_last_samples()
    {
        Dataset data = ValidationSplitTests.Numbered(17);

        (Dataset train, Dataset validation) = Validation.Split(data, 6);

        train.Labels.ShouldBe(Enumerable.Range(0, 11));
        validation.Labels.ShouldBe(Enumerable.Range(11, 6));
        validation.Images.ShouldMatch(new Matrix(6, 3, data.Images.Data[33..]), 0);
    }

    [Grades("NetworkFile.Save", "NetworkFile.Load")]
    [Test]
    public void A_network_of_the_graded_size_survives_the_file_bit_for_bit()
    {
        Network network = TestNetworks.Random([784, 32, 10], Activation.ReLU, seed: 991);
        string path = Path.Combine(Path.GetTempPath(), $"kata-holdout-{Guid.NewGuid():N}.nnet");
        try
        {
            NetworkFile.Save(network, path);
            new FileInfo(path).Length.ShouldBe(16 + (4 * 3) + (8 * ((784 * 32) + 32 + (32 * 10) + 10)) + 32, "the documented length");
            Network loaded = NetworkFile.Load(path);

            loaded.Weights[0].ShouldMatch(network.Weights[0], 0);
            loaded.Weights[1].ShouldMatch(network.Weights[1], 0);
            loaded.Biases[1].ShouldBe(network.Biases[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_rejects_a_file_with_bytes_after_its_checksum_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kata-holdout-{Guid.NewGuid():N}.nnet");
        try
        {
            NetworkFile.Save(TestNetworks.Random([3, 4, 2], Activation.Sigmoid, seed: 992), path);
            File.AppendAllText(path, "extra");

            FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
