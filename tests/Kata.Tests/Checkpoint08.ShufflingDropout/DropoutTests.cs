namespace Kata.Tests.Checkpoint08;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(8)]
public sealed class DropoutTests
{
    private const double Tolerance = 1e-12;

    [Grades("Dropout.Mask")]
    [TestCase(0.25)]
    [TestCase(0.5)]
    public void Mask_entries_are_zero_or_scaled_up_by_one_over_one_minus_p(double p)
    {
        Matrix mask = Dropout.Mask(30, 40, p, new Random(811));

        mask.ShouldHaveShape(30, 40);
        double kept = 1 / (1 - p);
        double[] others = [.. mask.Data.Where(v => v != 0 && Math.Abs(v - kept) > Tolerance).Distinct()];
        others.ShouldBeEmpty($"every entry should be 0 (dropped) or 1/(1 − p) = {kept} (kept, scaled up in training so that inference needs no scaling)");
    }

    [Grades("Dropout.Mask")]
    [TestCase(0.2)]
    [TestCase(0.5)]
    public void Mask_drops_a_fraction_p_and_keeps_the_mean_at_one(double p)
    {
        Matrix mask = Dropout.Mask(200, 50, p, new Random(812));

        double dropped = mask.Data.Count(v => v == 0) / (double)mask.Data.Length;
        dropped.ShouldBe(p, 0.02, "the share of dropped entries (p is the rate of dropping, not of keeping)");
        mask.Data.Average().ShouldBe(1.0, 0.03, "the mean of the mask: (1 − p) · 1/(1 − p) = 1, so an activation keeps its expected value");
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void Mask_with_the_same_seed_is_the_same_mask()
    {
        Dropout.Mask(6, 7, 0.5, new Random(813)).ShouldMatch(Dropout.Mask(6, 7, 0.5, new Random(813)), 0.0, "draw every entry from the random you are given");
        Dropout.Mask(6, 7, 0.5, new Random(814)).Data.ShouldNotBe(Dropout.Mask(6, 7, 0.5, new Random(813)).Data, "another seed, another mask");
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void Mask_with_p_zero_keeps_everything_as_it_is()
    {
        Dropout.Mask(5, 8, 0.0, new Random(815)).ShouldMatch(Matrix.FromRows([.. Enumerable.Repeat(Enumerable.Repeat(1.0, 8).ToArray(), 5)]), 0.0);
    }

    [Grades("Dropout.Mask")]
    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void Mask_rejects_a_rate_outside_zero_to_one(double p)
    {
        Action mask = () => Dropout.Mask(2, 3, p, new Random(816));

        mask.ShouldRejectWith(["Mask", "[0, 1)"]);
    }

    [Grades("Dropout.Forward")]
    [TestCase("ReLU", -11.5, 0.5)]
    [TestCase("Sigmoid", -4.784782467867294, 1.0378828427399902)]
    public void Forward_with_masks_multiplies_each_hidden_activation_by_its_mask(string activation, double first, double second)
    {
        // 2 → 2 → 1 as in checkpoint 3: hidden z = [−1, 2] for the input [1, 1]. Sample 1 keeps only the
        // second hidden unit (mask [0, 2]), sample 2 only the first (mask [2, 0]).
        // ReLU: [0, 2]⊙[0, 2] = [0, 4] → 4·(−3) + 0.5 = −11.5;   [0, 2]⊙[2, 0] = [0, 0] → 0.5
        // Sigmoid: [σ(−1), σ(2)]⊙[0, 2] → −6σ(2) + 0.5;          ⊙[2, 0] → 2σ(−1) + 0.5
        Network network = HandSetNetwork(Enum.Parse<Activation>(activation));
        var x = Matrix.FromRows([1, 1], [1, 1]);

        Matrix logits = network.Forward(x, [Matrix.FromRows([0, 2], [2, 0])]);

        logits.ShouldMatch(Matrix.FromRows([first], [second]), Tolerance, "a = f(z) ⊙ mask on the hidden layer, nothing on the output");
    }

    [Grades("Dropout.Forward")]
    [Test]
    public void Forward_with_masks_of_ones_is_your_Forward()
    {
        Network network = TestNetworks.Random([4, 6, 5, 3], Activation.Sigmoid, seed: 817);
        Matrix x = TestData.RandomMatrix(5, 4, seed: 818);

        network.Forward(x, [Ones(5, 6), Ones(5, 5)]).ShouldMatch(network.Forward(x), Tolerance, "p = 0 (masks of ones) is no dropout at all");
    }

    [Grades("Dropout.Forward", "Dropout.Backward")]
    [TestCase(new[] { 4, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 4, 5, 3 }, Activation.Sigmoid)]
    [TestCase(new[] { 4, 6, 5, 3 }, Activation.ReLU)]
    [TestCase(new[] { 4, 6, 5, 3 }, Activation.Sigmoid)]
    public void Backward_with_fixed_masks_equals_your_numerical_gradient_of_the_loss_with_those_masks(int[] sizes, Activation activation)
    {
        // The masks are fixed (p = 0.5: entries 0 or 2), so the loss is an ordinary function of the
        // weights. Backward must multiply by the same mask on the way back as Forward did on the way out.
        Network network = TestNetworks.Random(sizes, activation, seed: 819);
        Matrix x = TestData.RandomMatrix(6, sizes[0], seed: 820);
        int[] labels = TestNetworks.Labels(6, sizes[^1], seed: 821);
        Matrix[] masks = [.. Enumerable.Range(1, sizes.Length - 2).Select(l => FixedMask(6, sizes[l], seed: 822 + l))];

        GradientCheckTests.ShouldAgreeWithNumericalGradient(network, labels, n => n.Backward(x, labels, masks), n => n.Forward(x, masks));
    }

    [Grades("Dropout.Backward")]
    [Test]
    public void Backward_with_masks_of_ones_is_your_Backward()
    {
        Network network = TestNetworks.Random([4, 6, 3], Activation.ReLU, seed: 823);
        Matrix x = TestData.RandomMatrix(5, 4, seed: 824);
        int[] labels = TestNetworks.Labels(5, 3, seed: 825);

        Gradients withMasks = network.Backward(x, labels, [Ones(5, 6)]), plain = network.Backward(x, labels);

        withMasks.Loss.ShouldBe(plain.Loss, Tolerance, "the loss");
        for (int l = 0; l < network.LayerCount; l++)
        {
            withMasks.Weights[l].ShouldMatch(plain.Weights[l], Tolerance, $"the weight gradient of layer {l}");
            withMasks.Biases[l].ShouldBe(plain.Biases[l], Tolerance, $"the bias gradient of layer {l}");
        }
    }

    [Grades("Dropout.Forward", "Dropout.Backward")]
    [Test]
    public void Forward_and_Backward_want_one_mask_per_hidden_layer()
    {
        Network network = TestNetworks.Random([4, 6, 5, 3], Activation.ReLU, seed: 826);
        Matrix x = TestData.RandomMatrix(2, 4, seed: 827);

        Action forward = () => network.Forward(x, [Ones(2, 6)]);
        Action backward = () => network.Backward(x, [0, 1], [Ones(2, 6), Ones(2, 5), Ones(2, 3)]);

        forward.ShouldRejectWith(["mask"]);
        backward.ShouldRejectWith(["mask"]);
    }

    // A seeded mask of p = 0.5 made without learner code: each entry 0 or 2.
    internal static Matrix FixedMask(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        return new Matrix(rows, cols, [.. Enumerable.Range(0, rows * cols).Select(_ => random.Next(2) * 2.0)]);
    }

    internal static Matrix Ones(int rows, int cols) => new(rows, cols, [.. Enumerable.Repeat(1.0, rows * cols)]);

    private static Network HandSetNetwork(Activation hidden) => new(
        [Matrix.FromRows([1, 1], [-2, 2]), Matrix.FromRows([1], [-3])],
        [[0, -1], [0.5]],
        hidden);
}
