namespace Kata.Tests.Checkpoint06;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(6)]
public sealed class TanhTests
{
    private const double Tolerance = 1e-12;

    [Grades("MoreActivations.Tanh")]
    [TestCase(0.0, 0.0)]
    [TestCase(1.0, 0.7615941559557649)]
    [TestCase(-2.0, -0.9640275800758169)]
    [TestCase(0.5, 0.46211715726000974)]
    public void Tanh_matches_known_values(double z, double expected)
    {
        // Values from Python's math.tanh.
        MoreActivations.Tanh(z).ShouldBe(expected, Tolerance);
    }

    [Grades("MoreActivations.Tanh")]
    [TestCase(0.3)]
    [TestCase(2.0)]
    [TestCase(7.5)]
    public void Tanh_is_odd(double z)
    {
        MoreActivations.Tanh(-z).ShouldBe(-MoreActivations.Tanh(z), Tolerance, "tanh(−z) = −tanh(z)");
    }

    [Grades("MoreActivations.Tanh")]
    [TestCase(1000.0, 1.0)]
    [TestCase(-1000.0, -1.0)]
    [TestCase(40.0, 1.0)]
    [TestCase(-40.0, -1.0)]
    public void Tanh_of_a_large_input_is_a_number_at_the_limit_not_NaN(double z, double limit)
    {
        double t = MoreActivations.Tanh(z);

        double.IsNaN(t).ShouldBeFalse($"Tanh({z}) returned NaN: e^{z} overflows a double, and ∞/∞ is NaN");
        t.ShouldBe(limit, Tolerance);
    }

    [Grades("MoreActivations.Tanh")]
    [Test]
    public void Tanh_stays_between_minus_one_and_one()
    {
        foreach (double z in Enumerable.Range(-60, 121).Select(i => i * 0.5))
        {
            MoreActivations.Tanh(z).ShouldBeInRange(-1.0, 1.0, $"Tanh({z})");
        }
    }

    [Grades("MoreActivations.TanhDerivative")]
    [TestCase(0.0, 1.0)]
    [TestCase(1.0, 0.41997434161402614)]
    [TestCase(-2.0, 0.07065082485316443)]
    [TestCase(3.0, 0.009866037165440211)]
    public void TanhDerivative_matches_known_values(double z, double expected)
    {
        // 1 − tanh²(z), from Python's math.tanh.
        MoreActivations.TanhDerivative(z).ShouldBe(expected, Tolerance);
    }

    [Grades("MoreActivations.TanhDerivative")]
    [Test]
    public void TanhDerivative_equals_the_numerical_derivative_of_your_tanh()
    {
        foreach (double z in TestData.RandomVector(12, seed: 601))
        {
            double numeric = Calculus.Derivative(MoreActivations.Tanh, z);
            MoreActivations.TanhDerivative(z).ShouldBe(numeric, 1e-9, $"TanhDerivative({z}) against your checkpoint-2 Derivative of your Tanh");
        }
    }

    [Grades("MoreActivations.TanhDerivative")]
    [TestCase(1000.0)]
    [TestCase(-1000.0)]
    public void TanhDerivative_of_a_large_input_is_zero_not_NaN(double z)
    {
        MoreActivations.TanhDerivative(z).ShouldBe(0.0, Tolerance);
    }

    [Grades("MoreActivations.TanhDerivative")]
    [Test]
    public void TanhDerivative_is_positive_and_at_most_one()
    {
        foreach (double z in Enumerable.Range(-16, 33).Select(i => i * 0.5))
        {
            MoreActivations.TanhDerivative(z).ShouldBeInRange(double.Epsilon, 1.0, $"TanhDerivative({z})");
        }
    }
}
