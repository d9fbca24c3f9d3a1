namespace Kata.Tests.Checkpoint03;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(3)]
[Grades("Initialization.RandomWeights")]
public sealed class NetworkTests
{
    [TestCase(new[] { 784, 128, 5 })]
    [TestCase(new[] { 4, 5, 3 })]
    [TestCase(new[] { 3, 8, 8, 2 })]
    [TestCase(new[] { 6, 1 })]
    public void A_new_network_has_one_weight_matrix_and_bias_vector_per_layer_of_the_right_shape(int[] sizes)
    {
        var network = new Network(sizes, seed: 1);

        network.Weights.Length.ShouldBe(sizes.Length - 1);
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            network.Weights[l].ShouldHaveShape(sizes[l], sizes[l + 1]);
            network.Biases[l].Length.ShouldBe(sizes[l + 1], $"biases of layer {l}");
        }
    }

    [Test]
    public void The_same_seed_gives_the_same_weights()
    {
        var first = new Network([4, 5, 3], seed: 7);
        var second = new Network([4, 5, 3], seed: 7);

        for (int l = 0; l < first.LayerCount; l++)
        {
            second.Weights[l].ShouldMatch(first.Weights[l], 0.0, $"layer {l} differs between two networks with seed 7");
        }
    }

    [Test]
    public void Different_seeds_give_different_weights()
    {
        var first = new Network([4, 5, 3], seed: 7);
        var second = new Network([4, 5, 3], seed: 8);

        first.Weights[0].Data.SequenceEqual(second.Weights[0].Data).ShouldBeFalse("seeds 7 and 8 gave identical weights");
    }

    [Test]
    public void Every_layer_of_a_new_network_starts_with_distinct_weights_of_the_intended_scale()
    {
        var network = new Network([784, 128, 64, 5], seed: 3);

        for (int l = 0; l < network.LayerCount; l++)
        {
            double[] w = network.Weights[l].Data;
            double expected = Math.Sqrt(2.0 / network.LayerSizes[l]);
            double rms = Math.Sqrt(w.Average(x => x * x));
            rms.ShouldBe(expected, 0.15 * expected, $"root-mean-square weight of layer {l} (He scale for ReLU)");
            w.Distinct().Count().ShouldBeGreaterThan(w.Length / 2, $"weights of layer {l} should not repeat");
        }
    }
}
