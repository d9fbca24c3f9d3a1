using System.Globalization;

namespace Kata.Tests.Checkpoint06;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Tanh and leaky ReLU as the hidden activation of your network: your checkpoint-3 Forward and your
/// checkpoint-4 Backward and Train, unchanged, with the functions you wrote in this checkpoint.
/// </summary>
[Checkpoint(6)]
public sealed class HiddenActivationTests
{
    private const double Tolerance = 1e-12;

    [Grades("MoreActivations.Tanh")]
    [Test]
    public void Forward_of_a_tanh_network_matches_the_hand_computation()
    {
        Network network = HandSetNetwork(HiddenActivations.Tanh);

        // Hidden z = [1 − 2 + 0, 1 + 2 − 1] = [−1, 2] → tanh → [−0.7616…, 0.9640…]; output = tanh(−1) − 3·tanh(2) + 0.5
        double expected = -0.7615941559557649 - (3 * 0.9640275800758169) + 0.5;
        network.Forward(Matrix.FromRows([1, 1])).ShouldMatch(Matrix.FromRows([expected]), Tolerance);
    }

    [Grades("MoreActivations.LeakyReLU")]
    [Test]
    public void Forward_of_a_leaky_ReLU_network_lets_a_little_of_the_negative_sums_through()
    {
        Network network = HandSetNetwork(HiddenActivations.LeakyReLU(slope: 0.1));

        // Hidden z = [−1, 2] → leaky ReLU with slope 0.1 → [−0.1, 2]; output = −0.1 − 3·2 + 0.5 = −5.6 (ReLU would give −5.5)
        network.Forward(Matrix.FromRows([1, 1])).ShouldMatch(Matrix.FromRows([-5.6]), Tolerance);
    }

    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative")]
    [TestCase(new[] { 4, 5, 3 })]
    [TestCase(new[] { 4, 6, 5, 3 })]
    public void Backward_of_a_tanh_network_equals_your_numerical_gradient_of_the_loss(int[] sizes)
    {
        GradientCheckTests.ShouldAgreeWithNumericalGradient(sizes, HiddenActivations.Tanh, seed: 611, samples: 6, classes: 3);
    }

    [Grades("MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [TestCase(new[] { 4, 5, 3 }, MoreActivations.DefaultSlope)]
    [TestCase(new[] { 4, 6, 5, 3 }, MoreActivations.DefaultSlope)]
    [TestCase(new[] { 4, 6, 5, 3 }, 0.2)]
    public void Backward_of_a_leaky_ReLU_network_equals_your_numerical_gradient_of_the_loss(int[] sizes, double slope)
    {
        // Seeded so that no weighted sum lies within the step h of the kink at 0.
        GradientCheckTests.ShouldAgreeWithNumericalGradient(sizes, HiddenActivations.LeakyReLU(slope), seed: 612, samples: 6, classes: 3);
    }

    [Grades("MoreActivations.Tanh", "MoreActivations.TanhDerivative", "MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [Test]
    public void Every_activation_trains_the_same_small_data_set_from_the_same_seed()
    {
        // The comparison of kata train --activation, in small: the same clusters, the same seed, the same
        // settings; only the hidden activation differs. Each must at least halve its loss.
        Dataset data = TestNetworks.ThreeClusters(perClass: 20, seed: 613);
        ActivationFunction[] activations = [HiddenActivations.Tanh, HiddenActivations.LeakyReLU(), HiddenActivations.ReLU, HiddenActivations.Sigmoid];

        var results = new List<(string Name, double First, double Last)>();
        foreach (ActivationFunction activation in activations)
        {
            var network = new Network([2, 8, 3], seed: 614, activation);
            List<double> losses = network.Train(data.Images, data.Labels, learningRate: 0.3, epochs: 12, batchSize: 10);
            results.Add((activation.Name, losses.Take(6).Average(), losses.TakeLast(6).Average()));
        }

        string table = string.Join("; ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Name} {r.First:F3} → {r.Last:F3}")));
        foreach ((string name, double first, double last) in results)
        {
            last.ShouldBeLessThan(first / 2, $"{name}: the mean batch loss of the last epoch should be less than half that of the first (first epoch → last epoch: {table})");
        }
    }

    // 2 inputs → 2 hidden → 1 output, as in checkpoint 3's ForwardTests.
    private static Network HandSetNetwork(ActivationFunction hidden) => new(
        [Matrix.FromRows([1, 1], [-2, 2]), Matrix.FromRows([1], [-3])],
        [[0, -1], [0.5]],
        hidden);
}
