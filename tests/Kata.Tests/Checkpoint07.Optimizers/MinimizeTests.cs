using System.Globalization;

namespace Kata.Tests.Checkpoint07;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The optimizers on checkpoint 2's problem — the minimum of a function f: Rⁿ → R, with your own
/// numerical gradient — where their difference from plain gradient descent can be seen.
/// </summary>
[Checkpoint(7)]
[Grades("Optimizers.Minimize")]
public sealed class MinimizeTests
{
    // An ill-conditioned bowl: f = ½(x − 1)² + 50(y + 2)², minimum (1, −2). Its curvature is 1 along x and
    // 100 along y (condition number 100). Plain descent is stable only for η < 2/100, and its best rate is
    // η = 2/(1 + 100): any other rate is slower or diverges. Even then it needs 444 steps from (−4, 3) to
    // come within 1e-3 of the minimum, creeping along the flat x direction.
    private const double BestPlainRate = 2.0 / 101;
    private const int Budget = 250;
    private const double Within = 1e-3;
    private static readonly double[] Start = [-4, 3];
    private static readonly double[] Minimum = [1, -2];

    [Test]
    public void Minimize_with_Sgd_takes_the_same_steps_as_your_GradientDescent()
    {
        static double F(double[] p) => Math.Pow(p[0] - 3, 2) + (2 * Math.Pow(p[1] + 1, 2));

        double[] viaOptimizer = Optimizers.Minimize(F, [0, 0], new Sgd(0.1), steps: 25);

        viaOptimizer.ShouldBe(Calculus.GradientDescent(F, [0, 0], 0.1, 25), 1e-12, "Sgd is the plain step of checkpoint 2: Minimize with it is your GradientDescent");
    }

    [Test]
    public void Minimize_takes_exactly_the_given_number_of_steps()
    {
        // f = 2x has gradient 2 everywhere: each plain step of rate 0.25 moves x by exactly −0.5.
        Optimizers.Minimize(p => 2 * p[0], [1.0], new Sgd(0.25), steps: 7)[0].ShouldBe(1.0 - 3.5, 1e-9);
    }

    [Test]
    public void Minimize_does_not_change_x0()
    {
        double[] x0 = [2.0, -3.0];

        Optimizers.Minimize(p => (p[0] * p[0]) + (p[1] * p[1]), x0, new Sgd(0.1), steps: 5);

        x0.ShouldBe([2.0, -3.0], "Minimize should step a copy of x0");
    }

    [Grades("Momentum.Step")]
    [Test]
    public void Momentum_reaches_the_minimum_of_an_ill_conditioned_bowl_in_fewer_steps_than_plain_descent_can()
    {
        ReachesTheMinimumFasterThanPlainDescent(new Momentum(learningRate: 0.02, beta: 0.8));
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_reaches_the_minimum_of_an_ill_conditioned_bowl_in_fewer_steps_than_plain_descent_can()
    {
        ReachesTheMinimumFasterThanPlainDescent(new Adam(learningRate: 0.2));
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_finds_the_minimum_of_the_Rosenbrock_valley_from_the_classic_start()
    {
        // Rosenbrock's banana-shaped valley: f = (1 − x)² + 100(y − x²)², minimum (1, 1), start (−1.2, 1).
        // Adam with η = 0.02 is within 1e-3 after about 3,000 steps (Python, the same formulas); 5,000 are allowed.
        static double Rosenbrock(double[] p) => Math.Pow(1 - p[0], 2) + (100 * Math.Pow(p[1] - (p[0] * p[0]), 2));

        double[] x = Optimizers.Minimize(Rosenbrock, [-1.2, 1.0], new Adam(learningRate: 0.02), steps: 5000);

        Distance(x, [1, 1]).ShouldBeLessThan(1e-3, $"after 5,000 Adam steps x = ({Show(x)}), f = {Rosenbrock(x):G3}");
    }

    private static void ReachesTheMinimumFasterThanPlainDescent(Optimizer optimizer)
    {
        double[] plain = Optimizers.Minimize(Bowl, Start, new Sgd(BestPlainRate), Budget);
        double[] x = Optimizers.Minimize(Bowl, Start, optimizer, Budget);

        Distance(plain, Minimum).ShouldBeGreaterThan(Within, "plain descent at its best rate should still be on its way after the budget: check Sgd's steps against your Minimize");
        Distance(x, Minimum).ShouldBeLessThan(
            Within,
            $"after {Budget} steps {optimizer.GetType().Name} is at ({Show(x)}); plain descent at its best rate 2/101 is at ({Show(plain)}) and needs 444 steps");
    }

    private static double Bowl(double[] p) => (0.5 * Math.Pow(p[0] - 1, 2)) + (50 * Math.Pow(p[1] + 2, 2));

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum());

    private static string Show(double[] x) => string.Join(", ", x.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
}
