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

        double.IsNaN(t).ShouldBeFalse($"Tanh({z}) returned NaN: {WhyNaN(z)}");
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
        double derivative = MoreActivations.TanhDerivative(z);

        derivative.ShouldBe(
            0.0,
            Tolerance,
            $"TanhDerivative({z}) is 1 − tanh²({z}), and tanh({z}) is {Math.Sign(z)} to the last bit of a double, so it is 0"
            + (double.IsNaN(derivative) ? $"; yours returned NaN: {WhyNaN(z)} (does your Tanh({z}) return NaN too?)" : string.Empty));
    }

    [Grades("MoreActivations.TanhDerivative")]
    [Test]
    public void TanhDerivative_is_positive_and_at_most_one()
    {
        foreach (double z in Enumerable.Range(-16, 33).Select(i => i * 0.5))
        {
            double slope = MoreActivations.TanhDerivative(z);
            (slope > 0 && slope <= 1).ShouldBeTrue($"TanhDerivative({z}) returned {slope}: 1 − tanh²(z) is above 0 and at most 1 for every z, as tanh rises everywhere but never faster than at 0");
        }
    }

    // Why tanh written with e^z and e^−z, (e^z − e^−z) / (e^z + e^−z), gives NaN at z: e^|z| overflows to ∞
    // above ln(double.MaxValue) ≈ 709.78, and ∞/∞ (or −∞/∞) is NaN.
    private static string WhyNaN(double z) => Math.Abs(z) > Math.Log(double.MaxValue)
        ? $"e^{Math.Abs(z)} (that is e^{(z > 0 ? "z" : "−z")} at z = {z}) overflows a double to ∞, and a quotient of two infinities such as ∞/∞ is NaN"
        : $"at z = {z}, e^{Math.Abs(z)} does not overflow a double, so some step divided 0 by 0 or ∞ by ∞";
}
