namespace Kata.Tests.Checkpoint8.HoldOut;

using Kata.Tests.Checkpoint4;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 8: four samples instead of three, batch sizes at the edges, another
/// drop rate, other architectures for the gradient check, and heavier dropout with Adam.
/// </summary>
[Checkpoint(8)]
[HoldOut]
public sealed class ShufflingDropoutHoldOutTests
{
    [Grades("Shuffling.Permutation")]
    [Test]
    public void Every_order_of_four_samples_is_equally_likely()
    {
        var random = new Random(8901);
        var counts = new Dictionary<string, int>();
        const int Draws = 96_000;
        for (int i = 0; i < Draws; i++)
        {
            string order = string.Join(",", Shuffling.Permutation(4, random));
            counts[order] = counts.GetValueOrDefault(order) + 1;
        }

        counts.Count.ShouldBe(24, "all 24 orders of 4 samples should appear");
        foreach ((string order, int count) in counts)
        {
            ((double)count / Draws).ShouldBe(1.0 / 24, 0.0035, $"the share of the order {order}");
        }
    }

    [Grades("Shuffling.Batches")]
    [TestCase(1, 7)]
    [TestCase(7, 1)]
    [TestCase(50, 1)]
    public void Batches_at_the_edges_still_hold_every_sample_once(int batchSize, int expectedBatches)
    {
        (Matrix x, int[] labels) = ShufflingTests.Numbered(7);

        List<Dataset> batches = Shuffling.Batches(x, labels, batchSize, new Random(8902));

        batches.Count.ShouldBe(expectedBatches, $"7 samples in batches of {batchSize}");
        int[] samples = [.. batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (int)b.Images[r, 0]))];
        samples.Order().ShouldBe(Enumerable.Range(0, 7));
        batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (Sample: (int)b.Images[r, 0], Label: b.Labels[r])))
            .ShouldAllBe(s => s.Label == s.Sample % 3, "every sample keeps its own label");
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void A_mask_that_drops_four_fifths_scales_the_rest_by_five()
    {
        Matrix mask = Dropout.Mask(120, 90, 0.8, new Random(8903));

        mask.Data.All(v => v == 0 || Math.Abs(v - 5) < 1e-12).ShouldBeTrue("every entry 0 or 1/(1 − 0.8) = 5");
        (mask.Data.Count(v => v == 0) / (double)mask.Data.Length).ShouldBe(0.8, 0.02, "the share of dropped entries");
        mask.Data.Average().ShouldBe(1.0, 0.05, "the mean of the mask");
    }

    [Grades("Dropout.Forward", "Dropout.Backward")]
    [TestCase(new[] { 3, 7, 6, 2 }, Activation.Sigmoid)]
    [TestCase(new[] { 5, 4, 4, 4 }, Activation.ReLU)]
    public void Backward_with_fixed_masks_agrees_with_the_numerical_gradient_on_unseen_architectures(int[] sizes, Activation activation)
    {
        Network network = TestNetworks.Random(sizes, activation, seed: 8904);
        Matrix x = TestData.RandomMatrix(5, sizes[0], seed: 8905);
        int[] labels = TestNetworks.Labels(5, sizes[^1], seed: 8906);
        Matrix[] masks = [.. Enumerable.Range(1, sizes.Length - 2).Select(l => DropoutTests.FixedMask(5, sizes[l], seed: 8910 + l))];

        GradientCheckTests.ShouldAgreeWithNumericalGradient(network, labels, n => n.Backward(x, labels, masks), n => n.Forward(x, masks));
    }

    [Grades("StochasticTraining.Train")]
    [Test]
    public void Heavy_dropout_with_Adam_still_separates_three_clusters()
    {
        Network network = TestNetworks.Random([2, 32, 3], Activation.ReLU, seed: 8907);
        Dataset data = TestNetworks.ThreeClusters(perClass: 15, seed: 8908);

        network.Train(data.Images, data.Labels, new Adam(learningRate: 0.02), epochs: 40, batchSize: 9, dropout: 0.5, seed: 8909);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, "every point of three well separated clusters, predicted without dropout");
    }
}
