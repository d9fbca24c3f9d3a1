namespace Kata.Tests.Checkpoint07.HoldOut;

using Kata.Tests.Checkpoint04;
using Kata.Tests.Checkpoint06.HoldOut;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 7: the update rules with hyperparameters, parameters and gradients drawn
/// at grade time (<see cref="GradeTime"/>) against the rules written out here, several parameters stepped
/// in a drawn interleaving, Minimize on a drawn bowl, TrainStep and Train against <see cref="ReferenceMlp"/>
/// through a recording optimizer; and, fixed: a gradient small enough to show where ε goes, another start
/// in the Rosenbrock valley and a whole training run with Adam.
/// </summary>
[Checkpoint(7)]
[HoldOut]
public sealed class OptimizersHoldOutTests
{
    private const double Tolerance = 1e-12;

    [Grades("Momentum.Step")]
    [Test]
    public void Momentum_with_a_drawn_rate_and_beta_follows_the_rule_for_drawn_interleaved_steps()
    {
        Random random = GradeTime.Random();
        double rate = GradeTime.Number(random, 0.01, 0.5), beta = GradeTime.Number(random, 0, 0.99);
        Schedule schedule = Schedule.Draw(random, sameLength: false);

        schedule.ShouldFollow(new Momentum(rate, beta), MomentumRule(schedule, rate, beta), $"Momentum(η = {rate:G4}, β = {beta:G4})");
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_with_drawn_hyperparameters_follows_the_rule_for_drawn_interleaved_steps()
    {
        Random random = GradeTime.Random();
        double rate = GradeTime.Number(random, 0.001, 0.3), beta1 = GradeTime.Number(random, 0.5, 0.95), beta2 = GradeTime.Number(random, 0.9, 0.9999);
        double epsilon = Math.Pow(10, GradeTime.Number(random, -8, -4));
        Schedule schedule = Schedule.Draw(random, sameLength: false);

        schedule.ShouldFollow(
            new Adam(rate, beta1, beta2, epsilon),
            AdamRule(schedule, rate, beta1, beta2, epsilon),
            $"Adam(η = {rate:G4}, β₁ = {beta1:G4}, β₂ = {beta2:G6}, ε = {epsilon:G3})");
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_with_its_default_hyperparameters_follows_the_rule_for_drawn_steps()
    {
        Random random = GradeTime.Random();
        Schedule schedule = Schedule.Draw(random, sameLength: false);

        schedule.ShouldFollow(new Adam(), AdamRule(schedule, 0.001, 0.9, 0.999, 1e-8), "Adam() with η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8");
    }

    [Grades("Momentum.Step")]
    [Test]
    public void Momentum_with_the_default_beta_follows_the_rule_for_drawn_steps()
    {
        Random random = GradeTime.Random();
        double rate = GradeTime.Number(random, 0.01, 0.2);
        Schedule schedule = Schedule.Draw(random, sameLength: false);

        schedule.ShouldFollow(new Momentum(rate), MomentumRule(schedule, rate, 0.9), $"Momentum(η = {rate:G4}) with β = 0.9");
    }

    [Grades("Momentum.Step")]
    [Test]
    public void Momentum_keeps_the_velocities_of_two_drawn_parameters_of_the_same_length_and_contents_apart()
    {
        Random random = GradeTime.Random();
        double rate = GradeTime.Number(random, 0.01, 0.5), beta = GradeTime.Number(random, 0.3, 0.99);
        Schedule schedule = Schedule.Draw(random, sameLength: true);

        schedule.ShouldFollow(new Momentum(rate, beta), MomentumRule(schedule, rate, beta), "the state belongs to the array, not to its length or its contents");
    }

    [Grades("Adam.Step")]
    [Test]
    public void Adam_keeps_the_moments_and_step_counts_of_two_drawn_parameters_of_the_same_length_and_contents_apart()
    {
        Random random = GradeTime.Random();
        double rate = GradeTime.Number(random, 0.01, 0.3);
        Schedule schedule = Schedule.Draw(random, sameLength: true);

        schedule.ShouldFollow(new Adam(rate), AdamRule(schedule, rate, 0.9, 0.999, 1e-8), "m, v and t belong to the array, not to its length or its contents");
    }

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

    [Grades("Optimizers.Minimize")]
    [Test]
    public void Minimize_steps_one_copy_of_x0_with_the_gradient_of_a_drawn_bowl_as_often_as_asked()
    {
        // f(p) = Σ a_i (p_i − c_i)², whose gradient is 2a_i (p_i − c_i); the central difference of a
        // quadratic is exact up to rounding, so each step is known in advance.
        Random random = GradeTime.Random();
        int dimensions = GradeTime.Between(random, 1, 6), steps = GradeTime.Between(random, 1, 40);
        double[] a = GradeTime.Vector(random, dimensions, 0.5, 3), c = GradeTime.Vector(random, dimensions, -3, 3), x0 = GradeTime.Vector(random, dimensions, -3, 3);
        double rate = GradeTime.Number(random, 0.02, 0.3);
        double Bowl(double[] p) => Enumerable.Range(0, dimensions).Sum(i => a[i] * (p[i] - c[i]) * (p[i] - c[i]));
        double[] start = [.. x0];
        List<double[]> expected = [(double[])x0.Clone()];
        for (int step = 0; step < steps; step++)
        {
            double[] x = expected[^1];
            expected.Add([.. x.Select((v, i) => v - (rate * 2 * a[i] * (v - c[i])))]);
        }

        var optimizer = new RecordingSgd(rate);
        double[] result = Optimizers.Minimize(Bowl, x0, optimizer, steps);

        x0.ShouldBe(start, "Minimize should step a copy of x0, not x0 itself");
        optimizer.Steps.Count.ShouldBe(steps, $"one optimizer step per step asked for ({steps})");
        for (int step = 0; step < steps; step++)
        {
            (double[] parameter, double[] before, double[] gradient) = optimizer.Steps[step];
            parameter.ShouldBeSameAs(optimizer.Steps[0].Parameter, "every step should step the same array, so that an optimizer with a state keeps it from step to step");
            before.ShouldBe(expected[step], 1e-6, $"x before step {step + 1}");
            gradient.ShouldBe([.. before.Select((v, i) => 2 * a[i] * (v - c[i]))], 1e-6, $"the gradient at step {step + 1}: the numerical gradient of f at the current x");
        }

        result.ShouldBe(expected[^1], 1e-6, $"x after {steps} steps of rate {rate:G4} on a drawn bowl in {dimensions} dimensions");
    }

    [Grades("Optimizers.Minimize", "Adam.Step")]
    [Test]
    public void Adam_finds_the_minimum_of_the_Rosenbrock_valley_from_another_start()
    {
        static double Rosenbrock(double[] p) => Math.Pow(1 - p[0], 2) + (100 * Math.Pow(p[1] - (p[0] * p[0]), 2));

        double[] x = Optimizers.Minimize(Rosenbrock, [-1.5, 2.0], new Adam(learningRate: 0.02), steps: 4000);

        Math.Sqrt(Math.Pow(x[0] - 1, 2) + Math.Pow(x[1] - 1, 2)).ShouldBeLessThan(1e-3, $"after 4,000 Adam steps from (−1.5, 2), x = ({x[0]}, {x[1]})");
    }

    [Grades("Optimizers.TrainStep")]
    [Test]
    public void TrainStep_on_a_drawn_network_steps_every_weight_and_bias_once_with_the_reference_gradients()
    {
        Random random = GradeTime.Random();
        Hidden hidden = Hidden.Draw(random);
        int[] sizes = ReferenceMlp.DrawSizes(random);
        var reference = ReferenceMlp.Draw(random, sizes, hidden.F, hidden.FPrime);
        int n = GradeTime.Between(random, 1, 8);
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = ReferenceMlp.DrawLabels(random, n, sizes[^1]);
        double rate = GradeTime.Number(random, 0.05, 1);
        Network network = reference.ToNetwork(hidden.ForNetwork);
        Gradients expected = reference.Backward(x, labels);
        reference.ApplyReferenceStep(expected, rate);
        double[][] own = [.. network.Weights.Select(w => w.Data), .. network.Biases];
        double[][] expectedGradients = [.. expected.Weights.Select(w => w.Data), .. expected.Biases];
        string what = $"a {string.Join('-', sizes)} {hidden} network on {n} samples";

        var optimizer = new RecordingSgd(rate);
        double loss = network.TrainStep(x.Clone(), [.. labels], optimizer);

        loss.ShouldBe(expected.Loss, 1e-10 * Math.Max(1, expected.Loss), $"TrainStep returns the loss of the batch before the step ({what})");
        optimizer.Steps.Count.ShouldBe(own.Length, $"one optimizer step for each of the {network.LayerCount} weight matrices and {network.LayerCount} bias vectors of {what}");
        for (int p = 0; p < own.Length; p++)
        {
            string name = p < network.LayerCount ? $"the weights of layer {p}" : $"the biases of layer {p - network.LayerCount}";
            var stepped = optimizer.Steps.Where(s => ReferenceEquals(s.Parameter, own[p])).ToList();
            stepped.Count.ShouldBe(1, $"{name} should be stepped once, in the network's own array (a matrix's Data, a bias vector)");
            stepped[0].Gradient.ShouldBe(expectedGradients[p], 1e-10, $"the gradient {name} is stepped with: Backward of {what}");
        }

        reference.ShouldMatchParametersOf(network, 1e-10, $"after one step of rate {rate:G4}");
    }

    [Grades("Optimizers.Train")]
    [Test]
    public void Train_walks_drawn_samples_in_order_in_batches_and_matches_the_reference_descent()
    {
        Random random = GradeTime.Random();
        Hidden hidden = Hidden.Draw(random);
        int[] sizes = ReferenceMlp.DrawSizes(random, maxHidden: 2, maxWidth: 6);
        var reference = ReferenceMlp.Draw(random, sizes, hidden.F, hidden.FPrime);
        int n = GradeTime.Between(random, 1, 16), batchSize = GradeTime.Between(random, 1, n + 2), epochs = GradeTime.Between(random, 1, 3);
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = ReferenceMlp.DrawLabels(random, n, sizes[^1]);
        double rate = GradeTime.Number(random, 0.05, 0.5);
        Network network = reference.ToNetwork(hidden.ForNetwork);
        int batches = (n + batchSize - 1) / batchSize;
        var expectedLosses = new List<double>();
        var expectedReports = new List<(int, int, int, int, int)>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize, size = Math.Min(batchSize, n - start);
                var rows = new Matrix(size, x.Cols);
                for (int i = 0; i < rows.Data.Length; i++)
                {
                    rows.Data[i] = x.Data[(start * x.Cols) + i];
                }

                Gradients gradients = reference.Backward(rows, labels[start..(start + size)]);
                expectedLosses.Add(gradients.Loss);
                expectedReports.Add((epoch, epochs, batch + 1, batches, size));
                reference.ApplyReferenceStep(gradients, rate);
            }
        }

        var optimizer = new RecordingSgd(rate);
        var reports = new List<TrainingProgress>();
        List<double> losses = network.Train(x.Clone(), [.. labels], optimizer, epochs, batchSize, reports.Add);

        string what = $"{n} samples in batches of {batchSize} ({batches} per epoch), {epochs} epochs, a {string.Join('-', sizes)} {hidden} network";
        losses.ShouldNotBeNull("Train returns the loss of every batch");
        losses.ShouldBe(expectedLosses, 1e-9, $"the loss of each batch, the samples in order: {what}");
        optimizer.Steps.Count.ShouldBe(expectedLosses.Count * 2 * network.LayerCount, $"one step per weight matrix and bias vector per batch: {what}");
        reference.ShouldMatchParametersOf(network, 1e-9, $"after Train: {what}");
        reports.Select(r => (r.Epoch, r.Epochs, r.Batch, r.Batches, r.Samples)).ShouldBe(expectedReports, $"one progress report after every batch: {what}");
        reports.Select(r => r.Loss).ShouldBe(expectedLosses, 1e-9, "each report carries its batch's loss");
    }

    [Grades("Optimizers.Train")]
    [Test]
    public void Train_rejects_drawn_labels_that_do_not_match_the_samples_and_sizes_below_one()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 2, 12), wrong = n + ((random.Next(2) == 0 ? -1 : 1) * GradeTime.Between(random, 1, n - 1));
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: random.Next(1_000_000));
        Matrix x = GradeTime.Matrix(random, n, 2);
        int[] labels = ReferenceMlp.DrawLabels(random, n, 3);

        Action mismatch = () => network.Train(x, ReferenceMlp.DrawLabels(random, wrong, 3), new Sgd(0.1), 1, 2);
        Action noEpochs = () => network.Train(x, labels, new Sgd(0.1), -GradeTime.Between(random, 0, 3), 2);
        Action noBatch = () => network.Train(x, labels, new Sgd(0.1), 1, -GradeTime.Between(random, 0, 3));

        mismatch.ShouldRejectWith(["Train"], $"{n} samples but {wrong} labels");
        noEpochs.ShouldRejectWith(["Train"], "epochs below 1");
        noBatch.ShouldRejectWith(["Train"], "a batch size below 1");
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

    // v ← β·v + g, x ← x − η·v, one v per array: the value of the stepped array after every step.
    private static List<double[]> MomentumRule(Schedule schedule, double rate, double beta)
    {
        double[][] x = [.. schedule.Start.Select(s => (double[])s.Clone())];
        double[][] v = [.. schedule.Start.Select(s => new double[s.Length])];
        var after = new List<double[]>();
        foreach ((int p, double[] g) in schedule.Steps)
        {
            for (int i = 0; i < g.Length; i++)
            {
                v[p][i] = (beta * v[p][i]) + g[i];
                x[p][i] -= rate * v[p][i];
            }

            after.Add((double[])x[p].Clone());
        }

        return after;
    }

    // Kingma and Ba: m and v with bias correction by the array's own step count t.
    private static List<double[]> AdamRule(Schedule schedule, double rate, double beta1, double beta2, double epsilon)
    {
        double[][] x = [.. schedule.Start.Select(s => (double[])s.Clone())];
        double[][] m = [.. schedule.Start.Select(s => new double[s.Length])];
        double[][] v = [.. schedule.Start.Select(s => new double[s.Length])];
        int[] t = new int[x.Length];
        var after = new List<double[]>();
        foreach ((int p, double[] g) in schedule.Steps)
        {
            t[p]++;
            for (int i = 0; i < g.Length; i++)
            {
                m[p][i] = (beta1 * m[p][i]) + ((1 - beta1) * g[i]);
                v[p][i] = (beta2 * v[p][i]) + ((1 - beta2) * g[i] * g[i]);
                double mHat = m[p][i] / (1 - Math.Pow(beta1, t[p])), vHat = v[p][i] / (1 - Math.Pow(beta2, t[p]));
                x[p][i] -= rate * mHat / (Math.Sqrt(vHat) + epsilon);
            }

            after.Add((double[])x[p].Clone());
        }

        return after;
    }

    /// <summary>
    /// Drawn parameters and the steps one optimizer takes on them: 1 to 3 arrays (two of one length and one
    /// content when <c>sameLength</c>), 3 to 8 rounds, each stepping a drawn subset of the arrays in a drawn
    /// order with drawn gradients (each array its own scale, 0.01 to 10).
    /// </summary>
    private sealed record Schedule(double[][] Start, List<(int Parameter, double[] Gradient)> Steps)
    {
        public static Schedule Draw(Random random, bool sameLength)
        {
            int count = sameLength ? 2 : GradeTime.Between(random, 1, 3);
            int length = GradeTime.Between(random, 1, 6);
            double[] shared = GradeTime.Vector(random, length, -3, 3);
            double[][] start = [.. Enumerable.Range(0, count).Select(_ => sameLength ? (double[])shared.Clone() : GradeTime.Vector(random, GradeTime.Between(random, 1, 6), -3, 3))];
            double[] scale = [.. Enumerable.Range(0, count).Select(_ => Math.Pow(10, GradeTime.Number(random, -2, 1)))];
            var steps = new List<(int, double[])>();
            int rounds = GradeTime.Between(random, 3, 8);
            for (int round = 0; round < rounds; round++)
            {
                foreach (int p in Enumerable.Range(0, count).OrderBy(_ => random.Next()))
                {
                    if (round == 0 || random.NextDouble() < 0.7)
                    {
                        steps.Add((p, GradeTime.Vector(random, start[p].Length, -scale[p], scale[p])));
                    }
                }
            }

            return new Schedule(start, steps);
        }

        /// <summary>Runs the schedule through <paramref name="optimizer"/> and compares every step with <paramref name="expected"/>.</summary>
        public void ShouldFollow(Optimizer optimizer, List<double[]> expected, string what)
        {
            double[][] x = [.. Start.Select(s => (double[])s.Clone())];
            int[] taken = new int[x.Length];
            for (int s = 0; s < Steps.Count; s++)
            {
                (int p, double[] g) = Steps[s];
                double[] gradient = (double[])g.Clone();
                taken[p]++;

                optimizer.Step(x[p], gradient);

                gradient.ShouldBe(g, "Step should only read the gradient");
                double scale = Math.Max(1, expected[s].Max(Math.Abs));
                x[p].ShouldBe(
                    expected[s],
                    1e-11 * scale,
                    $"{what}: parameter {p + 1} of {x.Length} ({x[p].Length} entries) after its step {taken[p]} (step {s + 1} of {Steps.Count} of the optimizer)");
            }
        }
    }
}
