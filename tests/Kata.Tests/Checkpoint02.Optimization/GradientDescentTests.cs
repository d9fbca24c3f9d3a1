namespace Kata.Tests.Checkpoint02;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(2)]
[Grades("Calculus.GradientDescent")]
public sealed class GradientDescentTests
{
    // f(x, y) = (x − 3)² + 2(y + 1)² has its only minimum at (3, −1), where f = 0.
    private static double Bowl(double[] v) => Math.Pow(v[0] - 3, 2) + (2 * Math.Pow(v[1] + 1, 2));

    [Test]
    public void GradientDescent_reaches_the_minimum_of_a_quadratic_bowl()
    {
        double[] minimum = Calculus.GradientDescent(Bowl, [0.0, 0.0], learningRate: 0.1, steps: 200);

        minimum.ShouldBe([3.0, -1.0], 1e-4);
    }

    [Test]
    public void GradientDescent_from_another_start_reaches_the_same_minimum()
    {
        double[] minimum = Calculus.GradientDescent(Bowl, [-10.0, 8.0], learningRate: 0.05, steps: 500);

        minimum.ShouldBe([3.0, -1.0], 1e-4);
    }

    [Test]
    public void GradientDescent_takes_exactly_the_given_number_of_steps()
    {
        // For f(x) = x², one step is x ← x − 0.25 · 2x = x / 2, so three steps from 8 give 1.
        Calculus.GradientDescent(v => v[0] * v[0], [8.0], learningRate: 0.25, steps: 3).ShouldBe([1.0], 1e-6);
    }

    [Test]
    public void GradientDescent_with_zero_steps_returns_the_start()
    {
        Calculus.GradientDescent(Bowl, [1.5, 2.5], learningRate: 0.1, steps: 0).ShouldBe([1.5, 2.5]);
    }

    [Test]
    public void GradientDescent_does_not_change_the_starting_point()
    {
        double[] start = [0.0, 0.0];

        Calculus.GradientDescent(Bowl, start, learningRate: 0.1, steps: 10);

        start.ShouldBe([0.0, 0.0]);
    }

    [Test]
    public void GradientDescent_with_a_too_large_learning_rate_runs_away_instead_of_crashing()
    {
        // For f(x) = x² a learning rate above 1 overshoots further every step: x ← x − 1.5 · 2x = −2x.
        double[] end = Calculus.GradientDescent(v => v[0] * v[0], [1.0], learningRate: 1.5, steps: 20);

        Math.Abs(end[0]).ShouldBeGreaterThan(1e5, "with learning rate 1.5 each step should double |x|: gradient descent diverges");
    }
}
