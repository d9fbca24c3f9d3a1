namespace Kata.Tests.Checkpoint02;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(2)]
[Grades("Calculus.Derivative")]
public sealed class DerivativeTests
{
    // Central differences with h = 1e-5 are accurate to about 1e-10 for these smooth functions;
    // 1e-6 leaves room for rounding while still catching a one-sided difference (error ~1e-5).
    private const double Tolerance = 1e-6;

    [TestCase(-3.0)]
    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(4.0)]
    public void Derivative_of_x_squared_is_2x(double x)
    {
        Calculus.Derivative(v => v * v, x).ShouldBe(2 * x, Tolerance);
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(Math.PI / 2)]
    [TestCase(-2.5)]
    public void Derivative_of_sin_is_cos(double x)
    {
        Calculus.Derivative(Math.Sin, x).ShouldBe(Math.Cos(x), Tolerance);
    }

    [TestCase(-1.0)]
    [TestCase(0.0)]
    [TestCase(2.0)]
    public void Derivative_of_exp_is_exp(double x)
    {
        Calculus.Derivative(Math.Exp, x).ShouldBe(Math.Exp(x), Tolerance * Math.Exp(x));
    }

    [Test]
    public void Derivative_of_a_cubic_uses_central_differences_not_one_sided_ones()
    {
        // For x³ at x = 1 with h = 0.01: central gives 3.0001, one-sided forward gives 3.0301.
        Calculus.Derivative(v => v * v * v, 1.0, h: 0.01).ShouldBe(3.0001, 1e-9);
    }

    [Test]
    public void Derivative_uses_the_step_it_is_given()
    {
        // Central differences are exact for x² whatever h is, but not for x⁴: with h = 0.1 the estimate is 4.04.
        Calculus.Derivative(v => v * v * v * v, 1.0, h: 0.1).ShouldBe(4.04, 1e-9);
    }
}
