namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests of backpropagation on weighted sums, architectures, weights and batches drawn at grade
/// time (<see cref="GradeTime"/>), compared with <see cref="Reference"/>'s chain rule, computed before the
/// learner's method runs. No drawn weighted sum sits on ReLU's kink at 0.
/// </summary>
[Checkpoint(4)]
[HoldOut]
public sealed class BackpropagationHoldOutTests
{
    [Grades("Backpropagation.ActivationDerivative")]
    [Test]
    public void ActivationDerivative_of_ReLU_on_drawn_sums_is_one_where_positive_and_zero_where_negative()
    {
        Random random = GradeTime.Random();
        var z = new Matrix(GradeTime.Between(random, 1, 8), GradeTime.Between(random, 1, 8));
        for (int i = 0; i < z.Data.Length; i++)
        {
            // Magnitudes from 0.001 to 1000, either sign: never 0 itself.
            z.Data[i] = (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, GradeTime.Number(random, -3, 3));
        }

        Matrix before = z.Clone();
        var expected = new Matrix(z.Rows, z.Cols, [.. z.Data.Select(v => v > 0 ? 1.0 : 0.0)]);

        Backpropagation.ActivationDerivative(z, Activation.ReLU).ShouldMatch(expected, 0.0, "ReLU'(z) is 1 for z > 0 and 0 for z < 0");
        z.ShouldMatch(before, 0.0, "ActivationDerivative changed its argument");
    }

    [Grades("Backpropagation.ActivationDerivative")]
    [Test]
    public void ActivationDerivative_of_sigmoid_on_drawn_sums_is_sigma_times_one_minus_sigma()
    {
        Random random = GradeTime.Random();
        Matrix z = GradeTime.Matrix(random, GradeTime.Between(random, 1, 8), GradeTime.Between(random, 1, 8), -8, 8);
        Matrix before = z.Clone();
        Matrix expected = Reference.Map(z, Reference.SigmoidDerivative);

        Backpropagation.ActivationDerivative(z, Activation.Sigmoid).ShouldMatch(expected, 1e-12, "σ'(z) = σ(z)·(1 − σ(z))");
        z.ShouldMatch(before, 0.0, "ActivationDerivative changed its argument");
    }

    [Grades("Backpropagation.ActivationDerivative")]
    [Test]
    public void ActivationDerivative_of_sigmoid_on_drawn_large_sums_is_nearly_zero_and_never_NaN()
    {
        Random random = GradeTime.Random();
        var z = new Matrix(GradeTime.Between(random, 1, 4), GradeTime.Between(random, 2, 8));
        for (int i = 0; i < z.Data.Length; i++)
        {
            z.Data[i] = (random.Next(2) == 0 ? -1 : 1) * GradeTime.Number(random, 40, 1000);
        }

        Matrix expected = Reference.Map(z, Reference.SigmoidDerivative);

        Backpropagation.ActivationDerivative(z, Activation.Sigmoid).ShouldMatch(
            expected,
            1e-15,
            "for |z| ≥ 40, σ'(z) is below 1e-17: e^−z may overflow to infinity, but σ(z)·(1 − σ(z)) must still come out as (nearly) 0, not NaN");
    }

    [Grades("Backpropagation.Backward")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Backward_of_a_drawn_network_and_batch_matches_a_reference_backpropagation(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        Network network = Reference.DrawNetwork(random, sizes, activation);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 10), sizes[0]);
        int[] labels = Reference.DrawLabels(random, x.Rows, sizes[^1]);

        BackwardShouldMatchTheReference(network, x, labels, $"[{string.Join(", ", sizes)}] {activation}");
    }

    [Grades("Backpropagation.Backward")]
    [Test]
    public void Backward_of_a_drawn_network_with_a_hidden_activation_given_as_functions_uses_its_derivative()
    {
        // tanh given by its function and derivative, as checkpoint 6 gives it: Backward must hand
        // network.HiddenActivation on to ActivationDerivative, not assume Sigmoid or ReLU.
        var tanh = new ActivationFunction("Tanh", Math.Tanh, z => 1 - (Math.Tanh(z) * Math.Tanh(z)), Activation.Sigmoid);
        Random random = GradeTime.Random();
        int[] sizes = [GradeTime.Between(random, 1, 6), GradeTime.Between(random, 2, 7), GradeTime.Between(random, 2, 7), GradeTime.Between(random, 2, 5)];
        Network network = Reference.DrawNetwork(random, sizes, tanh);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 10), sizes[0]);
        int[] labels = Reference.DrawLabels(random, x.Rows, sizes[^1]);

        BackwardShouldMatchTheReference(network, x, labels, $"[{string.Join(", ", sizes)}] tanh");
    }

    // Backward against the reference computed first from copies; neither the network nor x may change.
    private static void BackwardShouldMatchTheReference(Network network, Matrix x, int[] labels, string what)
    {
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        Matrix xBefore = x.Clone();
        (double loss, Matrix[] dW, double[][] db) = Reference.Backward(weights, biases, network.HiddenActivation, xBefore, labels);

        Gradients gradients = network.Backward(x, labels);

        gradients.ShouldNotBeNull();
        gradients.Loss.ShouldBe(loss, 1e-12 * Math.Max(1, loss), $"{what}: the mean cross-entropy of the batch before any update");
        gradients.Weights.Length.ShouldBe(network.LayerCount, "one weight gradient per layer");
        gradients.Biases.Length.ShouldBe(network.LayerCount, "one bias gradient per layer");
        for (int l = 0; l < network.LayerCount; l++)
        {
            gradients.Weights[l].ShouldMatch(dW[l], Reference.Tolerance(1e-10, dW[l].Data), $"{what}: ∂loss/∂W[{l}] = a[{l}]ᵀ · delta[{l}]");
            gradients.Biases[l].ShouldBe(db[l], Reference.Tolerance(1e-10, db[l]), $"{what}: ∂loss/∂b[{l}] = the column sums of delta[{l}]");
        }

        x.ShouldMatch(xBefore, 0.0, "Backward changed its input");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(weights[l], 0.0, $"Backward changed the weights of layer {l}: only TrainStep updates them");
            network.Biases[l].ShouldBe(biases[l], $"Backward changed the biases of layer {l}: only TrainStep updates them");
        }
    }
}
