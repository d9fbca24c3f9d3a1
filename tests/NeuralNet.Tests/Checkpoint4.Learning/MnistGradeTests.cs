using System.Diagnostics;
using Kata.Core;

namespace Kata.Tests.Checkpoint4;

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
    public void Your_network_classifies_the_MNIST_test_digits_better_than_the_threshold()
    {
        MnistSettings settings = KataEnvironment.Curriculum.Mnist;
        var clock = Stopwatch.StartNew();
        (Dataset train, Dataset test) = GradedMnistRun.Load(settings);

        // 1. Train.
        (Matrix x, int[] y) = GradedMnistRun.FirstImages(train, settings.TrainingImages);
        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        List<double> losses = network.Train(x, y, settings.LearningRate, settings.Epochs, settings.BatchSize);
        double seconds = clock.Elapsed.TotalSeconds;
        GradedMnistRun.ShouldNotHaveDiverged(losses);

        // 2. Predict the test images.
        int[] predictions = network.Predict(test.Images);

        // 3. Compare with their labels.
        GradedMnistRun.Grade(
            settings,
            test,
            predictions,
            $"after training on {x.Rows:N0} images ({settings.Describe()}) in {seconds:F1} s",
            KataMetrics.MnistAccuracy,
            "If the other checkpoint-4 tests pass, check that Train walks through every batch of every epoch and that Predict takes the largest score.");
    }
}
