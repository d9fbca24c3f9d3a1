namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(4)]
[Grades("Backpropagation.Backward")]
public sealed class BackwardTests
{
    private const double Tolerance = 1e-12;

    [TestCase(new[] { 4, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 3, 8, 8, 2 }, Activation.Sigmoid)]
    [TestCase(new[] { 6, 4 }, Activation.ReLU)]
    public void Backward_gives_one_gradient_per_weight_and_bias_of_the_same_shape(int[] sizes, Activation activation)
    {
        Network network = TestNetworks.Random(sizes, activation, seed: 61);

        Gradients gradients = network.Backward(TestData.RandomMatrix(7, sizes[0], seed: 62), TestNetworks.Labels(7, sizes[^1], seed: 63));

        gradients.Weights.Length.ShouldBe(network.LayerCount, "one weight gradient per layer");
        gradients.Biases.Length.ShouldBe(network.LayerCount, "one bias gradient per layer");
        for (int l = 0; l < network.LayerCount; l++)
        {
            gradients.Weights[l].ShouldHaveShape(sizes[l], sizes[l + 1]);
            gradients.Biases[l].Length.ShouldBe(sizes[l + 1], $"bias gradient of layer {l}");
        }
    }

    [Test]
    public void Backward_of_a_network_without_hidden_layers_matches_a_hand_computation()
    {
        // z = x·W + b with W = I and b = [0.5, −0.5]. Sample 1: z = [1.5, 1.5], p = [½, ½], label 0.
        // Sample 2: z = [0.5, −0.5], p = [0.731…, 0.269…], label 1. delta = (p − one-hot) / 2,
        // dW = xᵀ·delta, db = column sums of delta (numpy).
        var network = new Network([Matrix.FromRows([1, 0], [0, 1])], [[0.5, -0.5]]);
        var x = Matrix.FromRows([1, 2], [0, 0]);

        Gradients gradients = network.Backward(x, [0, 1]);

        gradients.Weights[0].ShouldMatch(Matrix.FromRows([-0.25, 0.25], [-0.5, 0.5]), Tolerance);
        gradients.Biases[0].ShouldBe([0.1155292893150025, -0.11552928931500239], Tolerance);
        gradients.Loss.ShouldBe(1.003204434039084, Tolerance);
    }

    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Backward_reports_the_cross_entropy_of_the_forward_pass(Activation activation)
    {
        Network network = TestNetworks.Random([4, 5, 3], activation, seed: 64);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 65);
        int[] labels = TestNetworks.Labels(6, 3, seed: 66);

        double loss = network.Backward(x, labels).Loss;

        loss.ShouldBe(Loss.CrossEntropy(network.Forward(x), labels), Tolerance);
    }

    [Test]
    public void Backward_does_not_change_the_network_or_the_input()
    {
        Network network = TestNetworks.Random([4, 5, 3], Activation.ReLU, seed: 67);
        Network before = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 68), xBefore = x.Clone();

        network.Backward(x, TestNetworks.Labels(6, 3, seed: 69));

        x.ShouldMatch(xBefore, 0.0, "Backward changed its input");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(before.Weights[l], 0.0, $"Backward changed the weights of layer {l}: only TrainStep updates them");
            network.Biases[l].ShouldBe(before.Biases[l], $"Backward changed the biases of layer {l}: only TrainStep updates them");
        }
    }
}
