using Kata.Core;

namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;

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
    [GradedRun("mnist")]
    public void Your_network_classifies_the_MNIST_test_digits_better_than_the_threshold() =>
        GradedMnistRun.Run(
            GradedRunSpec.Mnist,
            (all, settings) => Train(GradedRunSpec.Mnist, all, settings),
            KataMetrics.MnistAccuracy,
            "If the other checkpoint-4 tests pass, check that Train walks through every batch of every epoch and that Predict takes the largest score.");

    /// <summary>Checkpoint 4's training: a new network, your Train on the run's part of the training images.</summary>
    internal static TrainedNetwork Train(GradedRunSpec spec, Dataset all, MnistSettings settings)
    {
        (Matrix x, int[] y) = GradedMnistRun.Part(spec, settings, all);
        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        List<double> losses = network.Train(x, y, settings.LearningRate, settings.Epochs, settings.BatchSize);
        return new TrainedNetwork(network, losses, settings.Epochs, $"after training on {x.Rows:N0} images ({settings.Describe()}{(spec.Part == TrainingPart.Last ? ", the last training images" : string.Empty)})");
    }
}
