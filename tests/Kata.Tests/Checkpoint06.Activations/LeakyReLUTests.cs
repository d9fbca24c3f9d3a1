namespace Kata.Tests.Checkpoint06;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(6)]
public sealed class LeakyReLUTests
{
    private const double Tolerance = 1e-12;

    [Grades("MoreActivations.LeakyReLU")]
    [TestCase(0.25, 0.25)]
    [TestCase(42.0, 42.0)]
    [TestCase(1000.0, 1000.0)]
    [TestCase(0.0, 0.0)]
    public void LeakyReLU_keeps_positives_and_zero(double z, double expected)
    {
        MoreActivations.LeakyReLU(z).ShouldBe(expected, Tolerance);
    }

    [Grades("MoreActivations.LeakyReLU")]
    [TestCase(-3.0, -0.03)]
    [TestCase(-0.5, -0.005)]
    [TestCase(-1000.0, -10.0)]
    public void LeakyReLU_multiplies_negatives_by_the_default_slope_of_one_hundredth(double z, double expected)
    {
        MoreActivations.LeakyReLU(z).ShouldBe(expected, Tolerance, "slope · z for z < 0, with slope 0.01 unless the caller chooses another");
    }

    [Grades("MoreActivations.LeakyReLU")]
    [TestCase(-2.0, 0.1, -0.2)]
    [TestCase(-3.0, 0.25, -0.75)]
    [TestCase(-4.0, 0.0, 0.0)]
    [TestCase(5.0, 0.3, 5.0)]
    public void LeakyReLU_honours_the_slope_it_is_given(double z, double slope, double expected)
    {
        MoreActivations.LeakyReLU(z, slope).ShouldBe(expected, Tolerance, $"LeakyReLU({z}, slope: {slope})");
    }

    [Grades("MoreActivations.LeakyReLUDerivative")]
    [TestCase(0.001, 1.0)]
    [TestCase(3.0, 1.0)]
    [TestCase(1000.0, 1.0)]
    [TestCase(-0.001, 0.01)]
    [TestCase(-1000.0, 0.01)]
    [TestCase(0.0, 0.01)]
    public void LeakyReLUDerivative_is_one_for_positives_and_the_default_slope_otherwise(double z, double expected)
    {
        MoreActivations.LeakyReLUDerivative(z).ShouldBe(expected, Tolerance, "not 0 for negatives: that is ReLU's derivative");
    }

    [Grades("MoreActivations.LeakyReLUDerivative")]
    [TestCase(-2.0, 0.1, 0.1)]
    [TestCase(-0.5, 0.25, 0.25)]
    [TestCase(2.0, 0.25, 1.0)]
    public void LeakyReLUDerivative_honours_the_slope_it_is_given(double z, double slope, double expected)
    {
        MoreActivations.LeakyReLUDerivative(z, slope).ShouldBe(expected, Tolerance, $"LeakyReLUDerivative({z}, slope: {slope})");
    }

    [Grades("MoreActivations.LeakyReLU", "MoreActivations.LeakyReLUDerivative")]
    [Test]
    public void LeakyReLUDerivative_equals_the_numerical_derivative_of_your_LeakyReLU_away_from_zero()
    {
        foreach (double z in TestData.RandomVector(12, seed: 602).Where(z => Math.Abs(z) > 1e-3))
        {
            double numeric = Calculus.Derivative(v => MoreActivations.LeakyReLU(v, 0.2), z);
            MoreActivations.LeakyReLUDerivative(z, 0.2).ShouldBe(numeric, 1e-9, $"LeakyReLUDerivative({z}, 0.2) against your checkpoint-2 Derivative");
        }
    }
}
