namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests of gradient descent with networks, batches, learning rates, batch sizes and epochs drawn
/// at grade time (<see cref="GradeTime"/>). A step, and a short run, are compared with the same steps
/// taken by <see cref="Reference"/>'s backpropagation; a longer run on drawn, well-separated clusters must
/// classify every point (checked with the reference forward pass) and cut the loss well down.
/// </summary>
[Checkpoint(4)]
[HoldOut]
public sealed class TrainingHoldOutTests
{
    // Steps of the run on clusters (epochs × batches, rounded up to whole epochs): four times the 150 with
    // which 10,000 drawn runs (5,000 per activation) all passed; with 600, 20,000 did (below 100, some fail).
    private const int ClusterSteps = 600;

    [Grades("Training.TrainStep")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void TrainStep_on_a_drawn_network_and_batch_moves_every_parameter_against_the_reference_gradient(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        Network network = Reference.DrawNetwork(random, sizes, activation);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 12), sizes[0]);
        int[] labels = Reference.DrawLabels(random, x.Rows, sizes[^1]);
        double learningRate = GradeTime.Number(random, 0.05, 1.5);
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        (double expectedLoss, Matrix[] expectedWeights, double[][] expectedBiases) = ReferenceStep(weights, biases, activation, x.Clone(), labels, learningRate);

        double loss = network.TrainStep(x, labels, learningRate);

        string what = $"[{string.Join(", ", sizes)}] {activation}, learning rate {learningRate:G4}";
        loss.ShouldBe(expectedLoss, 1e-12 * Math.Max(1, expectedLoss), $"{what}: TrainStep returns the batch's loss before the step");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(expectedWeights[l], Reference.Tolerance(1e-10, expectedWeights[l].Data), $"{what}: layer {l}, W − learningRate · ∂loss/∂W, in place");
            network.Biases[l].ShouldBe(expectedBiases[l], Reference.Tolerance(1e-10, expectedBiases[l]), $"{what}: layer {l}, b − learningRate · ∂loss/∂b, in place");
        }
    }

    [Grades("Training.Train")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Train_with_drawn_settings_takes_the_steps_of_a_reference_loop_batch_by_batch_in_order(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        Network network = Reference.DrawNetwork(random, sizes, activation);
        int n = GradeTime.Between(random, 1, 30), batchSize = GradeTime.Between(random, 1, n + 3), epochs = GradeTime.Between(random, 1, 3);
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = Reference.DrawLabels(random, n, sizes[^1]);
        double learningRate = GradeTime.Number(random, 0.05, 0.5);

        // The reference: epochs times, rows [start, start + batchSize) in order (the last batch may be smaller), one step each.
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        var expectedLosses = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int start = 0; start < n; start += batchSize)
            {
                int size = Math.Min(batchSize, n - start);
                var batch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                (double loss, weights, biases) = ReferenceStep(weights, biases, activation, batch, labels[start..(start + size)], learningRate);
                expectedLosses.Add(loss);
            }
        }

        List<double> losses = network.Train(x, labels, learningRate, epochs, batchSize);

        string what = $"{n} samples, batches of {batchSize}, {epochs} epoch(s), learning rate {learningRate:G4}";
        losses.ShouldNotBeNull();
        losses.Count.ShouldBe(expectedLosses.Count, $"{what}: epochs × ⌈samples / batchSize⌉ = {epochs} × {(n + batchSize - 1) / batchSize} losses");
        losses.ShouldBe(expectedLosses, Reference.Tolerance(1e-9, expectedLosses), $"{what}: the loss of every batch, before its step, in order");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(weights[l], Reference.Tolerance(1e-9, weights[l].Data), $"{what}: the weights of layer {l} after every step");
            network.Biases[l].ShouldBe(biases[l], Reference.Tolerance(1e-9, biases[l]), $"{what}: the biases of layer {l} after every step");
        }
    }

    [Grades("Training.Train")]
    [Test]
    public void Train_with_drawn_settings_reports_progress_after_every_batch()
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random, maxHiddenLayers: 1);
        Network network = Reference.DrawNetwork(random, sizes, Activation.ReLU);
        int n = GradeTime.Between(random, 1, 25), batchSize = GradeTime.Between(random, 1, n + 2), epochs = GradeTime.Between(random, 1, 4);
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = Reference.DrawLabels(random, n, sizes[^1]);
        int batches = (n + batchSize - 1) / batchSize;
        var expected = new List<(int Epoch, int Epochs, int Batch, int Batches, int Samples)>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int batch = 1; batch <= batches; batch++)
            {
                expected.Add((epoch, epochs, batch, batches, Math.Min(batchSize, n - ((batch - 1) * batchSize))));
            }
        }

        var reports = new List<TrainingProgress>();
        List<double> losses = network.Train(x, labels, 0.1, epochs, batchSize, reports.Add);

        reports.Select(r => (r.Epoch, r.Epochs, r.Batch, r.Batches, r.Samples)).ShouldBe(
            expected,
            $"{n} samples in batches of {batchSize}, {epochs} epoch(s): one report after every batch, epochs and batches counted from 1");
        reports.Select(r => r.Loss).ShouldBe(losses, 1e-12, "each report carries that batch's loss, the one Train returns");
    }

    [Grades("Training.Train")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Training_on_drawn_well_separated_clusters_classifies_every_point(Activation activation)
    {
        Random random = GradeTime.Random();
        (Matrix x, int[] labels, int classes) = DrawClusters(random);
        int hidden = GradeTime.Between(random, 8, 12);
        Network network;
        do
        {
            network = Reference.DrawNetwork(random, [2, hidden, classes], activation, scale: 0.8);
        }
        while (activation == Activation.ReLU && FewestActiveHiddenUnits(network, x) < 3); // a point that no ReLU answers to never learns

        int batchSize = GradeTime.Between(random, 4, 16), batches = (x.Rows + batchSize - 1) / batchSize;
        int epochs = (ClusterSteps + batches - 1) / batches;
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        double before = Reference.CrossEntropy(Reference.Logits(weights, biases, activation, x), labels);

        List<double> losses = network.Train(x, labels, learningRate: 0.2, epochs, batchSize);

        string what = $"{x.Rows} points in {classes} clusters, batches of {batchSize}, {epochs} epochs";
        losses.Count.ShouldBe(epochs * batches, $"{what}: one loss per batch of every epoch");
        (weights, biases) = Reference.Parameters(network);
        Matrix logits = Reference.Logits(weights, biases, activation, x);
        int wrong = Enumerable.Range(0, x.Rows).Count(i => Reference.ArgMax(logits, i) != labels[i]);
        wrong.ShouldBe(0, $"{what}: every point of well separated clusters should be classified right after training");
        double after = Reference.CrossEntropy(logits, labels);
        after.ShouldBeLessThan(before / 4, $"{what}: the loss over all points should fall to less than a quarter of {before:G4}");
    }

    // W ← W − learningRate · ∂loss/∂W with the reference gradients, on new arrays; the loss is the one before the step.
    private static (double Loss, Matrix[] Weights, double[][] Biases) ReferenceStep(
        Matrix[] weights, double[][] biases, Activation activation, Matrix x, int[] labels, double learningRate)
    {
        (double loss, Matrix[] dW, double[][] db) = Reference.Backward(weights, biases, activation, x, labels);
        Matrix[] w = [.. weights.Select((m, l) => new Matrix(m.Rows, m.Cols, [.. m.Data.Zip(dW[l].Data, (v, g) => v - (learningRate * g))]))];
        double[][] b = [.. biases.Select((v, l) => v.Zip(db[l], (bias, g) => bias - (learningRate * g)).ToArray())];
        return (loss, w, b);
    }

    // The fewest hidden units with z > 0 at any one point, for the network's starting weights.
    private static int FewestActiveHiddenUnits(Network network, Matrix x)
    {
        Matrix z = Reference.Forward([network.Weights[0]], [network.Biases[0]], v => v, x).Sums[0];
        return Enumerable.Range(0, z.Rows).Min(i => Enumerable.Range(0, z.Cols).Count(j => z[i, j] > 0));
    }

    // 2 to 4 clusters of 8 to 20 points each, in discs of radius 0.7 around centres evenly spaced on a circle
    // of radius 3 (turned by a drawn angle), mixed in a drawn order: at least 3 apart from disc to disc.
    private static (Matrix X, int[] Labels, int Classes) DrawClusters(Random random)
    {
        int classes = GradeTime.Between(random, 2, 4);
        double turn = GradeTime.Number(random, 0, 2 * Math.PI);
        var points = new List<(double X, double Y, int Label)>();
        for (int c = 0; c < classes; c++)
        {
            double angle = turn + (2 * Math.PI * c / classes);
            int perClass = GradeTime.Between(random, 8, 20);
            for (int i = 0; i < perClass; i++)
            {
                double at = GradeTime.Number(random, 0, 2 * Math.PI), radius = 0.7 * Math.Sqrt(random.NextDouble());
                points.Add(((3 * Math.Cos(angle)) + (radius * Math.Cos(at)), (3 * Math.Sin(angle)) + (radius * Math.Sin(at)), c));
            }
        }

        var mixed = points.OrderBy(_ => random.Next()).ToList();
        var x = new Matrix(mixed.Count, 2);
        for (int i = 0; i < mixed.Count; i++)
        {
            x[i, 0] = mixed[i].X;
            x[i, 1] = mixed[i].Y;
        }

        return (x, [.. mixed.Select(p => p.Label)], classes);
    }
}
