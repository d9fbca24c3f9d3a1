namespace Kata.Tests.Checkpoint06.HoldOut;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 6: the activations at points and slopes drawn at grade time
/// (<see cref="GradeTime"/>) against Math.Tanh and the definitions, drawn networks passed forward and back
/// against <see cref="ReferenceMlp"/>, other architectures for the gradient check, and training to full accuracy.
/// </summary>
[Checkpoint(6)]
[HoldOut]
public sealed class ActivationsHoldOutTests
{
    private const double Tolerance = 1e-12;

    [Grades("MoreActivations.Tanh")]
    [Test]
    public void Tanh_of_drawn_inputs_matches_the_definition_near_zero_and_far_from_it()
    {
        Random random = GradeTime.Random();
        double[] inputs = [.. DrawInputs(random), 0.0];

        foreach (double z in inputs)
        {
            double expected = Math.Tanh(z);
            double t = MoreActivations.Tanh(z);

            double.IsNaN(t).ShouldBeFalse($"Tanh({z}) returned NaN: e^|z| overflows a double for |z| > 709, and ∞/∞ is NaN");
            t.ShouldBe(expected, Tolerance, $"Tanh({z}) = (e^z − e^−z) / (e^z + e^−z)");
        }
    }

    [Grades("MoreActivations.TanhDerivative")]
    [Test]
    public void TanhDerivative_of_drawn_inputs_is_one_minus_tanh_squared()
    {
        Random random = GradeTime.Random();
        double[] inputs = [.. DrawInputs(random), 0.0];

        foreach (double z in inputs)
        {
            double expected = 1 - (Math.Tanh(z) * Math.Tanh(z));
            double slope = MoreActivations.TanhDerivative(z);

            double.IsNaN(slope).ShouldBeFalse($"TanhDerivative({z}) returned NaN");
            slope.ShouldBe(expected, Tolerance, $"TanhDerivative({z}) = 1 − tanh²({z})");
        }
    }

    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative")]
    [Test]
    public void Tanh_and_its_derivative_obey_their_identities_at_drawn_points()
    {
        Random random = GradeTime.Random();

        foreach (double z in GradeTime.Vector(random, 25, -6, 6))
        {
            double logistic = 1 / (1 + Math.Exp(-2 * z));
            double t = MoreActivations.Tanh(z);
            t.ShouldBe((2 * logistic) - 1, Tolerance, $"tanh({z}) = 2σ(2z) − 1");
            MoreActivations.Tanh(-z).ShouldBe(-t, Tolerance, $"tanh(−z) = −tanh(z) at z = {z}");
            MoreActivations.TanhDerivative(z).ShouldBe(4 * logistic * (1 - logistic), Tolerance, $"tanh′({z}) = 4σ(2z)(1 − σ(2z))");
        }
    }

    [Grades("MoreActivations.LeakyReLU")]
    [Test]
    public void LeakyReLU_with_a_drawn_slope_keeps_positives_and_scales_the_rest()
    {
        Random random = GradeTime.Random();
        double slope = GradeTime.Number(random, 0, 1);
        double[] inputs = [.. DrawNonZero(random), 0.0];

        foreach (double z in inputs)
        {
            double expected = z > 0 ? z : slope * z;

            MoreActivations.LeakyReLU(z, slope).ShouldBe(expected, Tolerance * Math.Max(1, Math.Abs(z)), $"LeakyReLU({z}, slope: {slope})");
            MoreActivations.LeakyReLU(z).ShouldBe(z > 0 ? z : 0.01 * z, Tolerance * Math.Max(1, Math.Abs(z)), $"LeakyReLU({z}) with the default slope 0.01");
        }
    }

    [Grades("MoreActivations.LeakyReLUDerivative")]
    [Test]
    public void LeakyReLUDerivative_with_a_drawn_slope_is_one_for_positives_and_the_slope_otherwise()
    {
        Random random = GradeTime.Random();
        double slope = GradeTime.Number(random, 0, 1);
        double[] inputs = [.. DrawNonZero(random), 0.0];

        foreach (double z in inputs)
        {
            double expected = z > 0 ? 1 : slope;

            MoreActivations.LeakyReLUDerivative(z, slope).ShouldBe(expected, Tolerance, $"LeakyReLUDerivative({z}, slope: {slope}) (at exactly 0, the slope)");
            MoreActivations.LeakyReLUDerivative(z).ShouldBe(z > 0 ? 1 : 0.01, Tolerance, $"LeakyReLUDerivative({z}) with the default slope 0.01");
        }
    }

    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative")]
    [Test]
    public void A_drawn_tanh_network_passes_forward_and_back_as_the_definition_says()
    {
        Random random = GradeTime.Random();

        ShouldPassLikeTheReference(random, HiddenActivations.Tanh, Math.Tanh, z => 1 - (Math.Tanh(z) * Math.Tanh(z)));
    }

    [Grades("MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [Test]
    public void A_drawn_leaky_ReLU_network_with_a_drawn_slope_passes_forward_and_back_as_the_definition_says()
    {
        Random random = GradeTime.Random();
        double slope = GradeTime.Number(random, 0.01, 0.5);

        ShouldPassLikeTheReference(random, HiddenActivations.LeakyReLU(slope), z => z > 0 ? z : slope * z, z => z > 0 ? 1 : slope);
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

    // Drawn network, batch and labels: the learner's Forward and Backward (checkpoints 3 and 4, unchanged)
    // with the learner's activation, against the reference with the test's own f and f′.
    private static void ShouldPassLikeTheReference(Random random, ActivationFunction hidden, Func<double, double> f, Func<double, double> fPrime)
    {
        int[] sizes = ReferenceMlp.DrawSizes(random, maxHidden: 2, maxWidth: 6);
        var reference = ReferenceMlp.Draw(random, sizes, f, fPrime, scale: 2.5);
        int n = GradeTime.Between(random, 1, 7);
        Matrix x = GradeTime.Matrix(random, n, sizes[0], -2, 2);
        int[] labels = ReferenceMlp.DrawLabels(random, n, sizes[^1]);
        Matrix expectedLogits = reference.Logits(x);
        Gradients expected = reference.Backward(x, labels);
        Network network = reference.ToNetwork(hidden);
        string what = $"a {string.Join('-', sizes)} network with {hidden} hidden layers on {n} samples";

        network.Forward(x.Clone()).ShouldMatch(expectedLogits, 1e-10, $"the logits of {what}");
        ReferenceMlp.ShouldMatch(network.Backward(x.Clone(), [.. labels]), expected, 1e-10, what);
    }

    // 20 inputs within ±3, 15 within ±20 and 8 of size 20 to 1,000, either sign.
    private static double[] DrawInputs(Random random) =>
    [
        .. GradeTime.Vector(random, 20, -3, 3),
        .. GradeTime.Vector(random, 15, -20, 20),
        .. Enumerable.Range(0, 8).Select(_ => (random.Next(2) == 0 ? -1 : 1) * GradeTime.Number(random, 20, 1000)),
    ];

    // Both signs, never 0: sizes from 1e-3 to 100, spread over the orders of magnitude.
    private static double[] DrawNonZero(Random random) =>
        [.. Enumerable.Range(0, 30).Select(_ => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, GradeTime.Number(random, -3, 2)))];
}
