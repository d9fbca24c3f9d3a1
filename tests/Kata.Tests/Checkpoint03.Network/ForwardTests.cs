namespace Kata.Tests.Checkpoint03;

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
    public void Forward_applies_ReLU_on_every_hidden_layer_not_only_the_first()
    {
        // 1 input → 1 → 1 → 1 output; weights 2, −1, 3 and biases 0, 0.5, −0.5.
        var network = new Network(
            [Matrix.FromRows([2]), Matrix.FromRows([-1]), Matrix.FromRows([3])],
            [[0], [0.5], [-0.5]]);

        // x = 1: hidden 1: z = 2 → ReLU → 2; hidden 2: z = −2 + 0.5 = −1.5 → ReLU → 0; output: 0·3 − 0.5 = −0.5.
        // Without ReLU on the second hidden layer the output would be −1.5·3 − 0.5 = −5.
        network.Forward(Matrix.FromRows([1])).ShouldMatch(
            Matrix.FromRows([-0.5]), Tolerance, "ReLU on every hidden layer and none on the last: the second hidden layer's −1.5 becomes 0 and the output's −0.5 stays as it is (0 means ReLU on the output too, −5 means none on the second hidden layer)");
    }

    [Test]
    public void Forward_through_two_hidden_layers_equals_the_layers_applied_one_after_another()
    {
        int[] sizes = [3, 8, 8, 2];
        var network = new Network(
            [.. Enumerable.Range(0, 3).Select(l => TestData.RandomMatrix(sizes[l], sizes[l + 1], seed: 20 + l))],
            [.. Enumerable.Range(0, 3).Select(l => TestData.RandomVector(sizes[l + 1], seed: 30 + l))],
            Activation.Sigmoid);
        Matrix x = TestData.RandomMatrix(4, 3, seed: 12);

        // Worked out here without your code: sigmoid(x·W0 + b0), then sigmoid(·W1 + b1), then ·W2 + b2.
        Matrix expected = x;
        for (int l = 0; l < network.LayerCount; l++)
        {
            expected = Layer(expected, network.Weights[l], network.Biases[l], activate: l < network.LayerCount - 1);
        }

        network.Forward(x).ShouldMatch(expected, 1e-12, "every hidden layer applies the activation, the last layer does not");
    }

    [Test]
    public void Forward_applies_whatever_hidden_activation_the_network_carries()
    {
        // Later checkpoints give activations as functions (checkpoint 6: tanh, leaky ReLU). Here f(z) = z².
        var square = new ActivationFunction("Square", z => z * z, z => 2 * z, Activation.Sigmoid);
        var network = HandSetNetwork(square);

        // Hidden z = [−1, 2] → z² → [1, 4]; output = 1·1 + 4·(−3) + 0.5 = −10.5
        network.Forward(Matrix.FromRows([1, 1])).ShouldMatch(
            Matrix.FromRows([-10.5]), Tolerance, "Activations.Apply(z, HiddenActivation) on the hidden layer, with the network's HiddenActivation as it is, and nothing on the last layer");
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

    // a·W + b, then the sigmoid when `activate`, with plain loops.
    private static Matrix Layer(Matrix a, Matrix w, double[] b, bool activate)
    {
        var z = new Matrix(a.Rows, w.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < w.Cols; j++)
            {
                double sum = b[j];
                for (int k = 0; k < a.Cols; k++)
                {
                    sum += a[i, k] * w[k, j];
                }

                z[i, j] = activate ? 1 / (1 + Math.Exp(-sum)) : sum;
            }
        }

        return z;
    }

    // 2 inputs → 2 hidden → 1 output, with weights small enough to follow by hand.
    private static Network HandSetNetwork(ActivationFunction hidden) => new(
        [Matrix.FromRows([1, 1], [-2, 2]), Matrix.FromRows([1], [-3])],
        [[0, -1], [0.5]],
        hidden);
}
