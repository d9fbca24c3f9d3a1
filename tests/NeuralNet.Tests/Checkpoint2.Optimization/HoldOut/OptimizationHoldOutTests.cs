namespace Kata.Tests.Checkpoint2.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>Hold-out tests for checkpoint 2: functions and starts the visible tests do not use.</summary>
[Checkpoint(2)]
[HoldOut]
public sealed class OptimizationHoldOutTests
{
    [Grades("Calculus.Derivative")]
    [TestCase(0.5)]
    [TestCase(3.0)]
    public void Derivative_of_the_logarithm_is_one_over_x(double x)
    {
        Calculus.Derivative(Math.Log, x).ShouldBe(1 / x, 1e-6);
    }

    [Grades("Calculus.NumericalGradient")]
    [Test]
    public void NumericalGradient_of_the_Rosenbrock_function_matches_its_analytic_gradient()
    {
        // f(x, y) = (1 − x)² + 100(y − x²)²; ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²))
        static double F(double[] v) => Math.Pow(1 - v[0], 2) + (100 * Math.Pow(v[1] - (v[0] * v[0]), 2));
        double x = -0.7, y = 1.3;

        Calculus.NumericalGradient(F, [x, y])
            .ShouldBe([(-2 * (1 - x)) - (400 * x * (y - (x * x))), 200 * (y - (x * x))], 1e-4);
    }

    [Grades("Calculus.GradientDescent")]
    [Test]
    public void GradientDescent_finds_the_minimum_of_a_bowl_in_three_dimensions()
    {
        // Minimum at (−2, 0.5, 4).
        static double Bowl(double[] v) => Math.Pow(v[0] + 2, 2) + (3 * Math.Pow(v[1] - 0.5, 2)) + (0.5 * Math.Pow(v[2] - 4, 2));

        Calculus.GradientDescent(Bowl, [0.0, 0.0, 0.0], learningRate: 0.1, steps: 400).ShouldBe([-2.0, 0.5, 4.0], 1e-4);
    }
}
