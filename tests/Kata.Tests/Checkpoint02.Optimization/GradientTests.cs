namespace Kata.Tests.Checkpoint02;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(2)]
[Grades("Calculus.NumericalGradient")]
public sealed class GradientTests
{
    private const double Tolerance = 1e-6;

    // f(x, y, z) = x²y + sin(z) + 3y; ∇f = (2xy, x² + 3, cos z)
    private static double F(double[] v) => (v[0] * v[0] * v[1]) + Math.Sin(v[2]) + (3 * v[1]);

    private static double[] GradF(double[] v) => [2 * v[0] * v[1], (v[0] * v[0]) + 3, Math.Cos(v[2])];

    [TestCase(1.0, 2.0, 0.0)]
    [TestCase(-1.5, 0.5, 2.0)]
    [TestCase(0.0, 0.0, -1.0)]
    public void NumericalGradient_of_a_function_of_three_variables_matches_its_analytic_gradient(double x, double y, double z)
    {
        double[] point = [x, y, z];

        Calculus.NumericalGradient(F, point).ShouldBe(GradF(point), Tolerance);
    }

    [Test]
    public void NumericalGradient_of_a_function_of_one_variable_is_its_derivative()
    {
        Calculus.NumericalGradient(v => Math.Exp(v[0]), [1.0]).ShouldBe([Math.E], Tolerance);
    }

    [Test]
    public void NumericalGradient_of_a_sum_of_squares_is_twice_the_point()
    {
        double[] point = TestData.RandomVector(10, seed: 71);

        Calculus.NumericalGradient(v => v.Sum(t => t * t), point).ShouldBe(point.Select(t => 2 * t).ToArray(), Tolerance);
    }

    [Test]
    public void NumericalGradient_uses_the_step_it_is_given()
    {
        // Central differences of x⁴ with step h give 4x³ + 4xh², not 4x³: with h = 0.1 that is 4.04 at
        // x = 1 and 32.08 at x = 2. The default step would give 4.0000000004 and 32.0000000008.
        Calculus.NumericalGradient(v => Math.Pow(v[0], 4) + Math.Pow(v[1], 4), [1.0, 2.0], h: 0.1)
            .ShouldBe([4.04, 32.08], 1e-9, "the estimate with step h = 0.1 (is h passed on, or replaced by a fixed step?)");
    }

    [Test]
    public void NumericalGradient_probes_each_coordinate_h_above_and_h_below()
    {
        double[] point = [1.0, -2.0];
        const double H = 0.25;
        var seen = new List<double[]>();

        Calculus.NumericalGradient(
            v =>
            {
                seen.Add((double[])v.Clone());
                return v.Sum();
            },
            point,
            H);

        foreach (double[] expected in new double[][] { [1.25, -2.0], [0.75, -2.0], [1.0, -1.75], [1.0, -2.25] })
        {
            seen.Any(probe => probe.Zip(expected, (a, b) => Math.Abs(a - b)).Max() < 1e-12).ShouldBeTrue(
                $"with h = {H}, f should be evaluated at ({string.Join(", ", expected)}), but it was evaluated at "
                + string.Join("; ", seen.Select(p => $"({string.Join(", ", p)})")));
        }
    }

    [Test]
    public void NumericalGradient_does_not_change_the_point()
    {
        double[] point = [1.0, 2.0, 3.0];

        Calculus.NumericalGradient(F, point);

        point.ShouldBe([1.0, 2.0, 3.0]);
    }

    [Test]
    public void NumericalGradient_evaluates_f_at_points_that_differ_in_one_coordinate_only()
    {
        double[] original = [1.0, 2.0, 3.0];
        var seen = new List<double[]>();

        Calculus.NumericalGradient(
            v =>
            {
                seen.Add((double[])v.Clone());
                return v.Sum();
            },
            (double[])original.Clone()); // compared with the original: code that moves the point itself must not move the yardstick

        seen.ShouldNotBeEmpty();
        foreach (double[] probe in seen)
        {
            int moved = Enumerable.Range(0, 3).Count(i => probe[i] != original[i]);
            moved.ShouldBeLessThanOrEqualTo(1, $"f was called at ({string.Join(", ", probe)}): each probe moves one coordinate of (1, 2, 3), and puts it back before moving the next");
        }
    }
}
