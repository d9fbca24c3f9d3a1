namespace Kata.Tests.Checkpoint3;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(3)]
[Grades("Network.Forward")]
public sealed class ForwardTests
{
    private const double Tolerance = 1e-12;

    [TestCase(new[] { 784, 128, 5 }, 1)]
    [TestCase(new[] { 784, 128, 5 }, 64)]
    [TestCase(new[] { 4, 5, 3 }, 7)]
    [TestCase(new[] { 3, 8, 8, 2 }, 2)]
    [TestCase(new[] { 6, 1 }, 5)]
    public void Forward_gives_one_row_of_outputs_per_sample(int[] sizes, int batch)
    {
        var network = new Network(sizes, seed: 5);

        network.Forward(TestData.RandomMatrix(batch, sizes[0], seed: 6)).ShouldHaveShape(batch, sizes[^1]);
    }

    [Test]
    public void Forward_through_a_single_layer_is_x_times_W_plus_b_without_activation()
    {
        // One layer = the output layer: no activation, so negative scores stay negative.
        var network = new Network([Matrix.FromRows([1, -1], [2, 0.5])], [[0.5, -3]]);
        var x = Matrix.FromRows([1, 1], [-2, 4]);

        // [1·1 + 1·2 + 0.5, 1·(−1) + 1·0.5 − 3] and [−2 + 8 + 0.5, 2 + 2 − 3]
        network.Forward(x).ShouldMatch(Matrix.FromRows([3.5, -3.5], [6.5, 1]), Tolerance);
    }

    [Test]
    public void Forward_applies_ReLU_on_the_hidden_layer_only()
    {
        var network = HandSetNetwork(Activation.ReLU);

        // Hidden z = [1 − 2 + 0, 1 + 2 − 1] = [−1, 2] → ReLU → [0, 2]; output = 0·1 + 2·(−3) + 0.5 = −5.5
        network.Forward(Matrix.FromRows([1, 1])).ShouldMatch(Matrix.FromRows([-5.5]), Tolerance);
    }

    [Test]
    public void Forward_applies_sigmoid_on_the_hidden_layer_only()
    {
        var network = HandSetNetwork(Activation.Sigmoid);

        // Hidden z = [−1, 2] → σ → [0.2689…, 0.8807…]; output = σ(−1) − 3σ(2) + 0.5
        double expected = 0.2689414213699951 - (3 * 0.8807970779778823) + 0.5;
        network.Forward(Matrix.FromRows([1, 1])).ShouldMatch(Matrix.FromRows([expected]), 1e-12);
    }

    [Test]
    public void Forward_applies_whatever_hidden_activation_the_network_carries()
    {
        // Later checkpoints give activations as functions (checkpoint 6: tanh, leaky ReLU). Here f(z) = z².
        var square = new ActivationFunction("Square", z => z * z, z => 2 * z, Activation.Sigmoid);
        var network = HandSetNetwork(square);

        // Hidden z = [−1, 2] → z² → [1, 4]; output = 1·1 + 4·(−3) + 0.5 = −10.5
        network.Forward(Matrix.FromRows([1, 1])).ShouldMatch(
            Matrix.FromRows([-10.5]), Tolerance, "hand the network's HiddenActivation to Activations.Apply as it is: Activations.Apply(z, HiddenActivation)");
    }

    [Test]
    public void Forward_treats_every_sample_of_a_batch_independently()
    {
        var network = new Network([4, 6, 3], seed: 9);
        Matrix batch = TestData.RandomMatrix(5, 4, seed: 10);

        Matrix together = network.Forward(batch);
        for (int i = 0; i < batch.Rows; i++)
        {
            Matrix alone = network.Forward(Matrix.RowVector(batch.Row(i).ToArray()));
            alone.ShouldMatch(Matrix.RowVector(together.Row(i).ToArray()), 1e-12, $"sample {i} alone and in the batch should give the same outputs");
        }
    }

    [Test]
    public void Forward_rejects_samples_of_the_wrong_width()
    {
        var network = new Network([4, 5, 3], seed: 1);

        Action forward = () => network.Forward(new Matrix(2, 3));
        forward.ShouldRejectWith(["2x3"]);
    }

    [Test]
    public void Forward_does_not_change_the_input_or_the_weights()
    {
        var network = new Network([4, 5, 3], seed: 2);
        Matrix x = TestData.RandomMatrix(3, 4, seed: 3), xBefore = x.Clone();
        Matrix[] weightsBefore = [.. network.Weights.Select(w => w.Clone())];
        double[][] biasesBefore = [.. network.Biases.Select(b => (double[])b.Clone())];

        network.Forward(x);

        x.ShouldMatch(xBefore, 0.0, "Forward changed its input");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(weightsBefore[l], 0.0, $"Forward changed the weights of layer {l}");
            network.Biases[l].ShouldBe(biasesBefore[l], $"Forward changed the biases of layer {l}");
        }
    }

    // 2 inputs → 2 hidden → 1 output, with weights small enough to follow by hand.
    private static Network HandSetNetwork(ActivationFunction hidden) => new(
        [Matrix.FromRows([1, 1], [-2, 2]), Matrix.FromRows([1], [-3])],
        [[0, -1], [0.5]],
        hidden);
}
