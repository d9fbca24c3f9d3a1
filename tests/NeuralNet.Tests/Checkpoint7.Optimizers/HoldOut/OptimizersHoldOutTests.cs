namespace Kata.Tests.Checkpoint7.HoldOut;

using Kata.Tests.Checkpoint4;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 7: other hyperparameters, a gradient small enough to show where ε
/// goes, parameters of equal length, another start in the Rosenbrock valley and a whole training run.
/// </summary>
[Checkpoint(7)]
[HoldOut]
public sealed class OptimizersHoldOutTests
{
    private const double Tolerance = 1e-12;

    [Grades("Momentum.Step")]
    [Test]
    public void Momentum_with_another_beta_and_rate_follows_the_formula_for_four_steps()
    {
        var momentum = new Momentum(learningRate: 0.2, beta: 0.5);
        double[] x = [0.5, -1.0, 2.0];

        foreach (double[] g in new[] { new[] { 1.0, -2.0, 0.5 }, [-0.5, 1.0, 0.25], [0.25, 0.5, -1.0], [2.0, 0.0, 1.0] })
        {
            momentum.Step(x, g);
        }

        // v ← 0.5·v + g, x ← x − 0.2·v, four times (Python).
        x.ShouldBe([-0.17500000000000004, -0.75, 1.8249999999999997], Tolerance);
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_adds_epsilon_outside_the_square_root()
    {
        // g = 1e-6: m̂ = 1e-6 and √v̂ = 1e-6, so the step is η·1e-6 / (1e-6 + 1e-8) = η / 1.01.
        // With ε inside the root, η·1e-6 / √(1e-12 + 1e-8), it would be a hundred times smaller.
        var adam = new Adam(learningRate: 0.1);
        double[] x = [0.0];

        adam.Step(x, [1e-6]);

        x[0].ShouldBe(-0.09900990099009901, Tolerance);
    }

    [Grades("Momentum.Step", "Adam.Step")]
    [TestCase("Momentum")]
    [TestCase("Adam")]
    public void Two_parameters_of_the_same_length_still_keep_their_own_state(string name)
    {
        Optimizer shared = Create(name), first = Create(name), second = Create(name);
        double[] a = [1, 2, 3], b = [1, 2, 3], aAlone = [1, 2, 3], bAlone = [1, 2, 3];

        for (int step = 0; step < 3; step++)
        {
            double[] ga = TestData.RandomVector(3, seed: 7901 + step), gb = TestData.RandomVector(3, seed: 7911 + step);
            shared.Step(a, ga);
            shared.Step(b, gb);
            first.Step(aAlone, ga);
            second.Step(bAlone, gb);
        }

        a.ShouldBe(aAlone, Tolerance, "the state belongs to the array, not to its length or its contents");
        b.ShouldBe(bAlone, Tolerance, "the state belongs to the array, not to its length or its contents");
    }

    [Grades("Optimizers.Minimize", "Adam.Step")]
    [Test]
    public void Adam_finds_the_minimum_of_the_Rosenbrock_valley_from_another_start()
    {
        static double Rosenbrock(double[] p) => Math.Pow(1 - p[0], 2) + (100 * Math.Pow(p[1] - (p[0] * p[0]), 2));

        double[] x = Optimizers.Minimize(Rosenbrock, [-1.5, 2.0], new Adam(learningRate: 0.02), steps: 4000);

        Math.Sqrt(Math.Pow(x[0] - 1, 2) + Math.Pow(x[1] - 1, 2)).ShouldBeLessThan(1e-3, $"after 4,000 Adam steps from (−1.5, 2), x = ({x[0]}, {x[1]})");
    }

    [Grades("Optimizers.Train", "Adam.Step")]
    [Test]
    public void Train_with_Adam_equals_the_same_steps_by_hand()
    {
        Network trained = TestNetworks.Random([3, 5, 4, 2], Activation.Sigmoid, seed: 7921);
        Network byHand = TestNetworks.Copy(trained);
        Matrix x = TestData.RandomMatrix(7, 3, seed: 7922);
        int[] labels = TestNetworks.Labels(7, 2, seed: 7923);

        List<double> losses = trained.Train(x, labels, new Adam(learningRate: 0.05), epochs: 3, batchSize: 3);

        var adam = new Adam(learningRate: 0.05);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            foreach ((int start, int size) in new[] { (0, 3), (3, 3), (6, 1) })
            {
                var batch = new Matrix(size, 3, x.Data[(start * 3)..((start + size) * 3)]);
                expected.Add(byHand.TrainStep(batch, labels[start..(start + size)], adam));
            }
        }

        losses.ShouldBe(expected, Tolerance, "the loss of each batch: one Adam for the whole run, the batches in order");
    }

    private static Optimizer Create(string name) => name == "Momentum" ? new Momentum(learningRate: 0.1) : new Adam(learningRate: 0.1);
}
