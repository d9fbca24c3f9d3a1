using System.Globalization;

namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The lesson that ties checkpoint 2 to checkpoint 4: backpropagation must agree with the slow,
/// obviously correct numerical gradient of the same loss — computed here with your own
/// Calculus.NumericalGradient, your own Forward and your own CrossEntropy.
/// </summary>
[Checkpoint(4)]
[Grades("Backpropagation.Backward")]
public sealed class GradientCheckTests
{
    private const double MaxRelativeError = 1e-6;

    // Gradients smaller than this are compared as if they were this large: the central difference's
    // own rounding error (about 1e-11 here) would otherwise dominate the relative error of a gradient
    // that is nearly zero.
    private const double Floor = 1e-4;

    [TestCase(new[] { 4, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 4, 5, 3 }, Activation.Sigmoid)]
    [TestCase(new[] { 4, 6, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 4, 6, 5, 3 }, Activation.Sigmoid)]
    public void Backward_gradients_equal_your_numerical_gradient_of_the_loss(int[] sizes, Activation activation)
    {
        ShouldAgreeWithNumericalGradient(sizes, activation, seed: 71, samples: 6, classes: 3);
    }

    [Test]
    public void Backward_uses_whatever_hidden_activation_the_network_carries()
    {
        // Softplus, f(z) = ln(1 + e^z) with f'(z) = σ(z), given as two functions the way checkpoint 6 gives
        // tanh and leaky ReLU: Backward must hand network.HiddenActivation on to ActivationDerivative.
        var softplus = new ActivationFunction("Softplus", z => Math.Log(1 + Math.Exp(z)), z => 1 / (1 + Math.Exp(-z)), Activation.Sigmoid);

        ShouldAgreeWithNumericalGradient([4, 6, 5, 3], softplus, seed: 72, samples: 6, classes: 3);
    }

    /// <summary>
    /// Checks Backward on a seeded network of <paramref name="sizes"/> against the learner's numerical
    /// gradient of the loss; fails naming the first parameter that disagrees. Hold-out tests use it too.
    /// </summary>
    internal static void ShouldAgreeWithNumericalGradient(int[] sizes, ActivationFunction activation, int seed, int samples, int classes)
    {
        Network network = TestNetworks.Random(sizes, activation, seed);
        Matrix x = TestData.RandomMatrix(samples, sizes[0], seed: seed + 1);
        int[] labels = [.. Enumerable.Range(0, samples).Select(i => i % classes)];

        ShouldAgreeWithNumericalGradient(network, labels, n => n.Backward(x, labels), n => n.Forward(x));
    }

    /// <summary>
    /// The same check for any pair of passes over one batch: <paramref name="backward"/> gives the
    /// gradients of <paramref name="network"/>, and <paramref name="forward"/> the logits whose
    /// cross-entropy with <paramref name="labels"/> they must be the gradient of (checkpoint 8 passes
    /// the forward and backward passes with fixed dropout masks).
    /// </summary>
    internal static void ShouldAgreeWithNumericalGradient(Network network, int[] labels, Func<Network, Gradients> backward, Func<Network, Matrix> forward)
    {
        int[] sizes = [.. network.LayerSizes];
        Gradients backprop = backward(network);
        for (int l = 0; l < network.LayerCount; l++)
        {
            backprop.Weights[l].ShouldHaveShape(sizes[l], sizes[l + 1]);
            backprop.Biases[l].Length.ShouldBe(sizes[l + 1], $"bias gradient of layer {l}");
        }

        // Every weight and bias in one vector θ, layer by layer: the loss as a function R^n → R.
        double[] theta = Flatten(network.Weights, network.Biases);
        double LossAt(double[] t)
        {
            (Matrix[] w, double[][] b) = Unflatten(t, sizes);
            return Loss.CrossEntropy(forward(new Network(w, b, network.HiddenActivation)), labels);
        }

        double[] analytic = Flatten(backprop.Weights, backprop.Biases);
        double[] numeric = Calculus.NumericalGradient(LossAt, theta);
        numeric.Length.ShouldBe(theta.Length, "NumericalGradient should return one entry per parameter");

        string[] names = ParameterNames(sizes);
        int[] disagree = [.. Enumerable.Range(0, theta.Length).Where(i => !(RelativeError(analytic[i], numeric[i]) < MaxRelativeError))];
        if (disagree.Length > 0)
        {
            int i = disagree[0];
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"Backward's gradient for {names[i]} is {analytic[i]:G8}, but your numerical gradient of the loss is {numeric[i]:G8} "
                + $"(relative error {RelativeError(analytic[i], numeric[i]):G3}, allowed {MaxRelativeError:G1}). "
                + $"{disagree.Length} of {theta.Length} parameters disagree; this is the first, counting weights before biases, layer 0 first."));
        }
    }

    private static double RelativeError(double a, double b) =>
        Math.Abs(a - b) / Math.Max(Floor, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static double[] Flatten(Matrix[] weights, double[][] biases) =>
        [.. weights.Zip(biases).SelectMany(layer => layer.First.Data.Concat(layer.Second))];

    private static (Matrix[] Weights, double[][] Biases) Unflatten(double[] theta, int[] sizes)
    {
        var weights = new Matrix[sizes.Length - 1];
        var biases = new double[sizes.Length - 1][];
        int at = 0;
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = new Matrix(sizes[l], sizes[l + 1], theta[at..(at + (sizes[l] * sizes[l + 1]))]);
            at += sizes[l] * sizes[l + 1];
            biases[l] = theta[at..(at + sizes[l + 1])];
            at += sizes[l + 1];
        }

        return (weights, biases);
    }

    private static string[] ParameterNames(int[] sizes)
    {
        var names = new List<string>();
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            for (int r = 0; r < sizes[l]; r++)
            {
                for (int c = 0; c < sizes[l + 1]; c++)
                {
                    names.Add($"Weights[{l}][{r}, {c}]");
                }
            }

            names.AddRange(Enumerable.Range(0, sizes[l + 1]).Select(j => $"Biases[{l}][{j}]"));
        }

        return [.. names];
    }
}
