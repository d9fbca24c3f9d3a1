namespace Kata.Tests.Checkpoint6.HoldOut;

using Kata.Tests.Checkpoint4;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 6: identities at points the visible tests do not use, slopes they do
/// not try, other architectures for the gradient check, and training to full accuracy.
/// </summary>
[Checkpoint(6)]
[HoldOut]
public sealed class ActivationsHoldOutTests
{
    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative")]
    [Test]
    public void Tanh_and_its_derivative_obey_their_identities_at_random_points()
    {
        foreach (double z in TestData.RandomVector(20, seed: 6901).Select(v => v * 3))
        {
            double t = MoreActivations.Tanh(z);
            t.ShouldBe((2 * Activations.Sigmoid(2 * z)) - 1, 1e-12, $"tanh({z}) = 2σ(2z) − 1");
            MoreActivations.TanhDerivative(z).ShouldBe(1 - (t * t), 1e-12, $"tanh′({z}) = 1 − tanh²({z})");
        }
    }

    [Grades("MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [TestCase(0.03)]
    public void Leaky_ReLU_with_an_unusual_slope_scales_only_the_negative_side(double slope)
    {
        foreach (double z in new[] { -7.0, -0.2, 0.2, 7.0 })
        {
            MoreActivations.LeakyReLU(z, slope).ShouldBe(z > 0 ? z : slope * z, 1e-12, $"LeakyReLU({z}, slope: {slope})");
            MoreActivations.LeakyReLUDerivative(z, slope).ShouldBe(z > 0 ? 1 : slope, 1e-12, $"LeakyReLUDerivative({z}, slope: {slope})");
        }
    }

    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative", "MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [TestCase(new[] { 3, 7, 2 }, "Tanh")]
    [TestCase(new[] { 5, 4, 4, 4 }, "LeakyReLU(0.1)")]
    public void Backward_agrees_with_the_numerical_gradient_on_unseen_architectures(int[] sizes, string activation)
    {
        ActivationFunction hidden = activation == "Tanh" ? HiddenActivations.Tanh : HiddenActivations.LeakyReLU(0.1);

        GradientCheckTests.ShouldAgreeWithNumericalGradient(sizes, hidden, seed: 6902, samples: 5, classes: sizes[^1]);
    }

    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative", "MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [TestCase("Tanh")]
    [TestCase("LeakyReLU")]
    public void A_network_with_the_new_activation_separates_three_clusters(string activation)
    {
        ActivationFunction hidden = activation == "Tanh" ? HiddenActivations.Tanh : HiddenActivations.LeakyReLU();
        Dataset data = TestNetworks.ThreeClusters(perClass: 15, seed: 6903);
        var network = new Network([2, 8, 3], seed: 6904, hidden);

        network.Train(data.Images, data.Labels, learningRate: 0.3, epochs: 40, batchSize: 9);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, $"every point of three well separated clusters, with {activation} in the hidden layer");
    }
}
