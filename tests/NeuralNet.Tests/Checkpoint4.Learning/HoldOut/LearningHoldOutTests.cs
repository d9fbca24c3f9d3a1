using Kata.Core;

namespace Kata.Tests.Checkpoint4.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 4: another architecture and seed for the gradient check, logits the
/// visible tests do not use, a batch size that leaves a remainder, and a second split of the MNIST
/// training images — so a network tuned to the visible settings is caught.
/// </summary>
[Checkpoint(4)]
[HoldOut]
[TimeLimit(300)] // a guard against a loop that never ends, not a speed requirement
public sealed class LearningHoldOutTests
{
    [Grades("Backpropagation.Backward")]
    [TestCase(new[] { 3, 7, 2 }, Activation.Sigmoid)]
    [TestCase(new[] { 5, 4, 4, 4 }, Activation.ReLU)]
    public void Backward_agrees_with_the_numerical_gradient_on_unseen_architectures(int[] sizes, Activation activation)
    {
        GradientCheckTests.ShouldAgreeWithNumericalGradient(sizes, activation, seed: 901, samples: 5, classes: sizes[^1]);
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_rows_of_widely_spread_logits_are_probabilities_that_add_up_to_one()
    {
        Matrix logits = TestData.RandomMatrix(7, 9, seed: 902);
        for (int i = 0; i < logits.Data.Length; i++)
        {
            logits.Data[i] *= 300; // entries up to ±600: e^600 overflows a double
        }

        Matrix p = Loss.Softmax(logits);

        for (int r = 0; r < p.Rows; r++)
        {
            double[] row = p.Row(r).ToArray();
            row.All(v => v >= 0 && v <= 1).ShouldBeTrue($"row {r} of Softmax has an entry outside [0, 1]: {string.Join(", ", row)}");
            row.Sum().ShouldBe(1.0, 1e-12, $"row {r} of Softmax should add up to 1");
        }
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_equal_logits_over_seven_classes_is_ln_7()
    {
        var logits = new Matrix(4, 7); // all zeros: every class equally likely

        Loss.CrossEntropy(logits, [0, 3, 6, 2]).ShouldBe(Math.Log(7), 1e-12);
    }

    [Grades("Training.Train")]
    [Test]
    public void Training_with_a_batch_size_that_leaves_a_remainder_still_separates_the_clusters()
    {
        Dataset data = TestNetworks.ThreeClusters(perClass: 13, seed: 903); // 39 samples: batches of 7 leave 4
        Network network = TestNetworks.Random([2, 8, 3], Activation.ReLU, seed: 904, scale: 1.0);

        network.Train(data.Images, data.Labels, learningRate: 0.2, epochs: 60, batchSize: 7);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, "every point of three well separated clusters should be classified correctly");
    }

    [Grades("Training.Train")]
    [Test]
    [GradedRun("mnist-last-part")]
    public void Your_network_also_beats_the_threshold_when_trained_on_another_part_of_the_training_set() =>
        GradedMnistRun.Run(
            GradedRunSpec.MnistLastPart,
            (all, settings) => MnistGradeTests.Train(GradedRunSpec.MnistLastPart, all, settings),
            KataMetrics.MnistAccuracy,
            "Trained on the last training images with another seed, your network must pass as well as on the first ones.");
}
