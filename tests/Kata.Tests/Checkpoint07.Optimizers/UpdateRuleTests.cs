namespace Kata.Tests.Checkpoint07;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The update rules themselves: a few steps worked out by hand, and what each optimizer remembers.</summary>
[Checkpoint(7)]
public sealed class UpdateRuleTests
{
    private const double Tolerance = 1e-12;

    [Grades("Momentum.Step")]
    [Test]
    public void Momentum_takes_the_first_three_steps_worked_out_by_hand()
    {
        var momentum = new Momentum(learningRate: 0.1, beta: 0.9);
        double[] x = [1.0, -2.0];

        // Step 1: v = g = [0.5, 1]                         x = [1 − 0.05, −2 − 0.1]     = [0.95, −2.1]   (plain descent)
        momentum.Step(x, [0.5, 1.0]);
        x.ShouldBe([0.95, -2.1], Tolerance, "step 1: v starts at 0, so v = g and x − η·v is a plain gradient step");

        // Step 2: v = 0.9·[0.5, 1] + [0.5, −1] = [0.95, −0.1]   x = [0.95 − 0.095, −2.1 + 0.01] = [0.855, −2.09]
        momentum.Step(x, [0.5, -1.0]);
        x.ShouldBe([0.855, -2.09], Tolerance, "step 2: v = β·v + g, then x − η·v (x moves against v: a + here climbs)");

        // Step 3: v = 0.9·[0.95, −0.1] + [−1, 0] = [−0.145, −0.09]   x = [0.855 + 0.0145, −2.09 + 0.009] = [0.8695, −2.081]
        momentum.Step(x, [-1.0, 0.0]);
        x.ShouldBe([0.8695, -2.081], Tolerance, "step 3: the velocity still remembers the first two gradients");
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_takes_the_first_two_steps_worked_out_by_hand_with_bias_correction()
    {
        var adam = new Adam(learningRate: 0.1);
        double[] x = [1.0, -2.0];

        // Step 1, g = [0.5, −0.1]: m = 0.1·g, v = 0.001·g²; corrected m̂ = m / (1 − 0.9) = g and v̂ = v / (1 − 0.999) = g²,
        // so x moves by η·g / (|g| + ε) ≈ η in every coordinate: [0.900000002, −1.90000001].
        // Without the correction it would move by η·0.1·g / (√0.001·|g|) ≈ 3.16·η: [0.6838, −1.6838].
        adam.Step(x, [0.5, -0.1]);
        x.ShouldBe([0.900000002, -1.900000009999999], Tolerance, "step 1: m̂ = m / (1 − β₁¹) and v̂ = v / (1 − β₂¹), so each coordinate moves by about η");

        // Step 2, g = [0.25, 0.3], t = 2: m̂ = m / (1 − 0.9²), v̂ = v / (1 − 0.999²) (Python, same formulas).
        adam.Step(x, [0.25, 0.3]);
        x.ShouldBe([0.8067820404774624, -1.9494189911200654], Tolerance, "step 2: t = 2 in the bias correction");
    }

    [Grades("Momentum.Step", "Adam.Step")]
    [TestCase("Momentum")]
    [TestCase("Adam")]
    public void A_learning_rate_of_zero_changes_nothing(string name)
    {
        Optimizer optimizer = name == "Momentum" ? new Momentum(learningRate: 0) : new Adam(learningRate: 0);
        double[] x = [0.3, -1.7, 2.5];

        for (int step = 0; step < 5; step++)
        {
            optimizer.Step(x, TestData.RandomVector(3, seed: 700 + step));
        }

        x.ShouldBe([0.3, -1.7, 2.5], "with η = 0 every step is 0, whatever the velocity or the moments hold");
    }

    [Grades("Momentum.Step", "Adam.Step")]
    [TestCase("Momentum")]
    [TestCase("Adam")]
    public void Each_parameter_keeps_its_own_state_even_when_their_steps_interleave(string name)
    {
        // One optimizer for two parameters of different shapes (a 2x3 weight matrix and a bias of 2),
        // stepped in turn, must move each exactly as a fresh optimizer of its own would.
        Optimizer shared = Create(name), forWeights = Create(name), forBias = Create(name);
        Matrix weights = TestData.RandomMatrix(2, 3, seed: 710), weightsAlone = weights.Clone();
        double[] bias = [0.5, -0.5], biasAlone = [0.5, -0.5];

        for (int step = 0; step < 4; step++)
        {
            Matrix dW = TestData.RandomMatrix(2, 3, seed: 720 + step);
            double[] db = TestData.RandomVector(2, seed: 730 + step);
            shared.Step(weights, dW);
            shared.Step(bias, db);
            forWeights.Step(weightsAlone, dW);
            forBias.Step(biasAlone, db);
        }

        weights.ShouldMatch(weightsAlone, Tolerance, "the weights, stepped by a shared optimizer, against an optimizer of their own");
        bias.ShouldBe(biasAlone, Tolerance, "the bias, stepped by a shared optimizer, against an optimizer of its own (a shared step count t or velocity shows here)");
    }

    [Grades("Momentum.Step", "Adam.Step")]
    [TestCase("Momentum")]
    [TestCase("Adam")]
    public void Step_only_reads_the_gradient(string name)
    {
        Optimizer optimizer = Create(name);
        double[] x = [1, 2, 3], gradient = [0.5, -0.25, 1];

        optimizer.Step(x, gradient);
        optimizer.Step(x, gradient);

        gradient.ShouldBe([0.5, -0.25, 1], "Step changed the gradient it was given");
    }

    private static Optimizer Create(string name) => name == "Momentum" ? new Momentum(learningRate: 0.1, beta: 0.9) : new Adam(learningRate: 0.1);
}
