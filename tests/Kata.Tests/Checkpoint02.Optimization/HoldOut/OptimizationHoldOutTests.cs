namespace Kata.Tests.Checkpoint02.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 2: functions, points, steps and bowls drawn at grade time
/// (<see cref="GradeTime"/>: a seed of the submission's own), with the expected value worked out here from
/// the analytic derivative (or the exact central difference, or the closed form of gradient descent on a
/// quadratic) before the learner's method is called. The fixed cases use functions the visible tests do not.
/// </summary>
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

    [Grades("Calculus.Derivative")]
    [Test]
    public void Derivative_of_a_drawn_polynomial_at_a_drawn_point_matches_its_analytic_derivative()
    {
        Random random = GradeTime.Random();
        double[] c = GradeTime.Vector(random, GradeTime.Between(random, 2, 6)); // degree 1 to 5
        double x = GradeTime.Number(random);
        double[] input = (double[])c.Clone();

        // p'(x) = Σ k·c_k·x^(k−1). With h = 1e-5 the central difference is within ~1e-8 of it on [−2, 2].
        double expected = 0;
        for (int k = 1; k < c.Length; k++)
        {
            expected += k * c[k] * Math.Pow(x, k - 1);
        }

        Calculus.Derivative(v => Polynomial(input, v), x).ShouldBe(
            expected, 1e-6, $"the derivative of the polynomial with coefficients [{string.Join(", ", c)}] (constant first) at x = {x}");
    }

    [Grades("Calculus.Derivative")]
    [Test]
    public void Derivative_of_a_drawn_sum_of_sine_and_exponential_matches_its_analytic_derivative()
    {
        Random random = GradeTime.Random();
        double a = GradeTime.Number(random), b = GradeTime.Number(random), c = GradeTime.Number(random), d = GradeTime.Number(random);

        // f(x) = a·sin(bx) + c·e^(dx), f'(x) = ab·cos(bx) + cd·e^(dx), at several drawn points.
        for (int i = 0; i < 5; i++)
        {
            double x = GradeTime.Number(random);
            double expected = (a * b * Math.Cos(b * x)) + (c * d * Math.Exp(d * x));

            Calculus.Derivative(v => (a * Math.Sin(b * v)) + (c * Math.Exp(d * v)), x).ShouldBe(
                expected, 1e-6, $"the derivative of {a}·sin({b}x) + {c}·e^({d}x) at x = {x}");
        }
    }

    [Grades("Calculus.Derivative")]
    [Test]
    public void Derivative_with_a_drawn_step_is_the_exact_central_difference_of_a_drawn_polynomial()
    {
        Random random = GradeTime.Random();
        double[] c = GradeTime.Vector(random, 6); // degree 5: the central difference is not exact
        double x = GradeTime.Number(random), h = GradeTime.Number(random, 0.01, 0.2);
        double[] input = (double[])c.Clone();

        // (p(x + h) − p(x − h)) / 2h expanded by the binomial theorem: only the odd powers of h survive,
        // Σ_k c_k Σ_{j odd} C(k, j)·x^(k−j)·h^(j−1) = p'(x) + p'''(x)h²/6 + p⁽⁵⁾(x)h⁴/120.
        double expected = 0;
        for (int k = 1; k < c.Length; k++)
        {
            for (int j = 1; j <= k; j += 2)
            {
                expected += c[k] * Binomial(k, j) * Math.Pow(x, k - j) * Math.Pow(h, j - 1);
            }
        }

        Calculus.Derivative(v => Polynomial(input, v), x, h).ShouldBe(
            expected, 1e-8, $"the central difference with the given step h = {h} (not the default step, not a one-sided difference) at x = {x}");
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

    [Grades("Calculus.NumericalGradient")]
    [Test]
    public void NumericalGradient_of_the_Rosenbrock_function_at_a_drawn_point_matches_its_analytic_gradient()
    {
        Random random = GradeTime.Random();
        double x = GradeTime.Number(random, -1.5, 1.5), y = GradeTime.Number(random, -1.5, 1.5);
        double[] expected = [(-2 * (1 - x)) - (400 * x * (y - (x * x))), 200 * (y - (x * x))];
        static double F(double[] v) => Math.Pow(1 - v[0], 2) + (100 * Math.Pow(v[1] - (v[0] * v[0]), 2));

        // Gradients reach about 2000 here; rounding and the h² term stay below 1e-7.
        Calculus.NumericalGradient(F, [x, y]).ShouldBe(expected, 1e-5, $"the gradient of the Rosenbrock function at ({x}, {y})");
    }

    [Grades("Calculus.NumericalGradient")]
    [Test]
    public void NumericalGradient_of_a_drawn_function_of_drawn_dimension_matches_its_analytic_gradient()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 8);
        double[] a = GradeTime.Vector(random, n), b = GradeTime.Vector(random, n), w = GradeTime.Vector(random, n, -0.2, 0.2);
        Matrix c = GradeTime.Matrix(random, n, n); // only the entries above the diagonal are used
        double d = GradeTime.Number(random);
        double[] point = GradeTime.Vector(random, n), before = (double[])point.Clone();

        // f(v) = Σ a_i·v_i² + Σ b_i·sin(v_i) + Σ_{i<j} c_ij·v_i·v_j + d·e^(w·v)
        // ∂f/∂v_i = 2a_i·v_i + b_i·cos(v_i) + Σ_{j≠i} c_ij·v_j + d·w_i·e^(w·v)
        double F(double[] v)
        {
            double sum = d * Math.Exp(WeightedSum(w, v));
            for (int i = 0; i < n; i++)
            {
                sum += (a[i] * v[i] * v[i]) + (b[i] * Math.Sin(v[i]));
                for (int j = i + 1; j < n; j++)
                {
                    sum += c[i, j] * v[i] * v[j];
                }
            }

            return sum;
        }

        var expected = new double[n];
        double e = Math.Exp(WeightedSum(w, point));
        for (int i = 0; i < n; i++)
        {
            expected[i] = (2 * a[i] * point[i]) + (b[i] * Math.Cos(point[i])) + (d * w[i] * e);
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    expected[i] += c[Math.Min(i, j), Math.Max(i, j)] * point[j];
                }
            }
        }

        double[] gradient = Calculus.NumericalGradient(F, point);

        gradient.ShouldBe(expected, 1e-6, $"the gradient at a drawn point of {n} dimensions");
        point.ShouldBe(before, "NumericalGradient changed the point it was given");
    }

    [Grades("Calculus.NumericalGradient")]
    [Test]
    public void NumericalGradient_with_a_drawn_step_is_the_exact_central_difference_of_a_drawn_quartic()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 8);
        double[] a = GradeTime.Vector(random, n), b = GradeTime.Vector(random, n);
        Matrix c = GradeTime.Matrix(random, n, n);
        double h = GradeTime.Number(random, 0.01, 0.2);
        double[] point = GradeTime.Vector(random, n), before = (double[])point.Clone();

        // f(v) = Σ a_i·v_i⁴ + Σ b_i·v_i + Σ_{i<j} c_ij·v_i·v_j. Along coordinate i the central difference of
        // v⁴ with step h is exactly 4x³ + 4xh²; the other terms are linear in v_i, so it is exact for them.
        double F(double[] v)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += (a[i] * Math.Pow(v[i], 4)) + (b[i] * v[i]);
                for (int j = i + 1; j < n; j++)
                {
                    sum += c[i, j] * v[i] * v[j];
                }
            }

            return sum;
        }

        var expected = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = point[i];
            expected[i] = (a[i] * ((4 * x * x * x) + (4 * x * h * h))) + b[i];
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    expected[i] += c[Math.Min(i, j), Math.Max(i, j)] * point[j];
                }
            }
        }

        double[] gradient = Calculus.NumericalGradient(F, point, h);

        gradient.ShouldBe(expected, 1e-8, $"the central differences with the given step h = {h} (is h passed on, or replaced by a fixed step?)");
        point.ShouldBe(before, "NumericalGradient changed the point it was given");
    }

    [Grades("Calculus.GradientDescent")]
    [Test]
    public void GradientDescent_finds_the_minimum_of_a_bowl_in_three_dimensions()
    {
        // Minimum at (−2, 0.5, 4).
        static double Bowl(double[] v) => Math.Pow(v[0] + 2, 2) + (3 * Math.Pow(v[1] - 0.5, 2)) + (0.5 * Math.Pow(v[2] - 4, 2));

        Calculus.GradientDescent(Bowl, [0.0, 0.0, 0.0], learningRate: 0.1, steps: 400).ShouldBe([-2.0, 0.5, 4.0], 1e-4);
    }

    [Grades("Calculus.GradientDescent")]
    [Test]
    public void GradientDescent_on_a_drawn_bowl_reaches_its_drawn_centre()
    {
        Random random = GradeTime.Random();
        (double[] centre, double[] curvature, Func<double[], double> bowl) = DrawBowl(random);
        double[] start = GradeTime.Vector(random, centre.Length, -5, 5), before = (double[])start.Clone();

        // The Hessian is diag(2k_i): each step multiplies x_i − c_i by 1 − 2·rate·k_i. With rate at most
        // 0.8 / max k that factor lies in [−0.6, 0.95], so 500 steps shrink a distance of 10 below 1e-10.
        double rate = GradeTime.Number(random, 0.2, 0.8) / curvature.Max();

        double[] end = Calculus.GradientDescent(bowl, start, rate, steps: 500);

        end.ShouldBe(centre, 1e-6, $"the centre of the bowl Σ k_i(x_i − c_i)², k = [{string.Join(", ", curvature)}], from [{string.Join(", ", start)}] with learning rate {rate}");
        start.ShouldBe(before, "GradientDescent changed its starting point");
    }

    [Grades("Calculus.GradientDescent")]
    [Test]
    public void GradientDescent_for_a_drawn_number_of_steps_follows_the_exact_path_on_a_drawn_bowl()
    {
        Random random = GradeTime.Random();
        (double[] centre, double[] curvature, Func<double[], double> bowl) = DrawBowl(random);
        double[] start = GradeTime.Vector(random, centre.Length, -5, 5), before = (double[])start.Clone();
        double rate = GradeTime.Number(random, 0.05, 0.45) / curvature.Max();
        int steps = GradeTime.Between(random, 1, 12);

        // The central difference is exact for a quadratic: ∂f/∂x_i = 2k_i(x_i − c_i), so after T steps
        // x_i = c_i + (1 − 2·rate·k_i)^T · (x0_i − c_i).
        double[] expected = [.. centre.Select((ci, i) => ci + (Math.Pow(1 - (2 * rate * curvature[i]), steps) * (start[i] - ci)))];

        double[] end = Calculus.GradientDescent(bowl, start, rate, steps);

        end.ShouldBe(expected, 1e-6, $"where exactly {steps} steps x ← x − {rate}·∇f(x) lead from [{string.Join(", ", start)}]");
        start.ShouldBe(before, "GradientDescent changed its starting point");
    }

    // f(x) = Σ k_i(x_i − c_i)² in 1 to 5 dimensions, centre in [−5, 5], curvatures in [0.5, 4].
    private static (double[] Centre, double[] Curvature, Func<double[], double> Bowl) DrawBowl(Random random)
    {
        int n = GradeTime.Between(random, 1, 5);
        double[] centre = GradeTime.Vector(random, n, -5, 5), curvature = GradeTime.Vector(random, n, 0.5, 4);
        double[] c = (double[])centre.Clone(), k = (double[])curvature.Clone();
        return (centre, curvature, v =>
        {
            double sum = 0;
            for (int i = 0; i < c.Length; i++)
            {
                sum += k[i] * (v[i] - c[i]) * (v[i] - c[i]);
            }

            return sum;
        }
        );
    }

    // Σ c_k·x^k, constant first, by Horner's rule.
    private static double Polynomial(double[] c, double x)
    {
        double sum = 0;
        for (int k = c.Length - 1; k >= 0; k--)
        {
            sum = (sum * x) + c[k];
        }

        return sum;
    }

    private static double WeightedSum(double[] w, double[] v)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            sum += w[i] * v[i];
        }

        return sum;
    }

    private static double Binomial(int n, int k)
    {
        double result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
