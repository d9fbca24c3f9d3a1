namespace Kata.Tests.Checkpoint3.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>Hold-out tests for checkpoint 3: architectures and activations the visible tests do not use.</summary>
[Checkpoint(3)]
[HoldOut]
public sealed class NetworkHoldOutTests
{
    [Grades("Initialization.RandomWeights")]
    [Test]
    public void A_sigmoid_network_starts_with_weights_of_the_Xavier_scale()
    {
        var network = new Network([200, 50, 10], seed: 4001, Activation.Sigmoid);

        for (int l = 0; l < network.LayerCount; l++)
        {
            double expected = Math.Sqrt(2.0 / (network.LayerSizes[l] + network.LayerSizes[l + 1]));
            double rms = Math.Sqrt(network.Weights[l].Data.Average(w => w * w));
            rms.ShouldBe(expected, 0.15 * expected, $"root-mean-square weight of layer {l} (Xavier scale for sigmoid)");
        }
    }

    [Grades("Network.Forward")]
    [Test]
    public void Forward_through_two_sigmoid_hidden_layers_matches_the_hand_computation()
    {
        // 1 input → 1 → 1 → 1 output; weights 2, −1, 3 and biases 0, 1, −0.5.
        var network = new Network(
            [Matrix.FromRows([2]), Matrix.FromRows([-1]), Matrix.FromRows([3])],
            [[0], [1], [-0.5]],
            Activation.Sigmoid);
        double h1 = Sigmoid(2 * 0.5), h2 = Sigmoid((-1 * h1) + 1);

        network.Forward(Matrix.FromRows([0.5])).ShouldMatch(Matrix.FromRows([(3 * h2) - 0.5]), 1e-12);
    }

    [Grades("Network.Forward")]
    [Test]
    public void Forward_of_a_single_784_pixel_sample_gives_one_row_of_scores()
    {
        var network = new Network([784, 32, 5], seed: 4002);

        network.Forward(TestData.RandomMatrix(1, 784, seed: 4003)).ShouldHaveShape(1, 5);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
