using Kata.Core;

namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 4: other architectures for the gradient check (weights and batch drawn at
/// grade time, the numerical gradient computed here), logits the visible tests do not use, a batch size
/// that leaves a remainder, and a second split of the MNIST training images — so a network tuned to the
/// visible settings is caught. The other files of this folder draw every input at grade time.
/// </summary>
[Checkpoint(4)]
[HoldOut]
[TimeLimit(300)] // a guard against a loop that never ends, not a speed requirement
public sealed class LearningHoldOutTests
{
    [Grades("Backpropagation.Backward")]
    [TestCase(new[] { 3, 7, 2 }, Activation.Sigmoid)]
    [TestCase(new[] { 5, 4, 4, 4 }, Activation.ReLU)]
    public void Backward_agrees_with_the_numerical_gradient_on_unseen_architectures(int[] sizes, Activation activation)
    {
        // Weights and a batch drawn at grade time; the numerical gradient is the central difference of the
        // reference loss (Reference.cs), not the learner's Calculus, Forward or CrossEntropy.
        Random random = GradeTime.Random();
        Network network = Reference.DrawNetwork(random, sizes, activation, scale: 0.8);
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        Matrix x = DrawBatchAwayFromTheKink(random, weights, biases, activation, samples: 5);
        int[] labels = Reference.DrawLabels(random, x.Rows, sizes[^1]);
        double[] numeric = NumericalGradient(weights, biases, activation, x, labels);

        Gradients gradients = network.Backward(x, labels);

        for (int l = 0; l < weights.Length; l++)
        {
            gradients.Weights[l].ShouldHaveShape(sizes[l], sizes[l + 1]);
            gradients.Biases[l].Length.ShouldBe(sizes[l + 1], $"bias gradient of layer {l}");
        }

        // Weights before biases, layer 0 first: the order of NumericalGradient.
        double[] analytic = [.. gradients.Weights.Zip(gradients.Biases).SelectMany(layer => layer.First.Data.Concat(layer.Second))];
        for (int i = 0; i < numeric.Length; i++)
        {
            double error = Math.Abs(analytic[i] - numeric[i]) / Math.Max(1e-4, Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i])));
            error.ShouldBeLessThan(
                1e-5,
                $"[{string.Join(", ", sizes)}] {activation}: Backward's gradient for parameter {i} (counting weights before biases, layer 0 first) "
                + $"is {analytic[i]:G8}, but the central difference of the loss is {numeric[i]:G8}");
        }
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_rows_of_widely_spread_logits_are_probabilities_that_add_up_to_one()
    {
        Matrix logits = TestData.RandomMatrix(7, 9, seed: 902);
        for (int i = 0; i < logits.Data.Length; i++)
        {
            logits.Data[i] *= 300; // entries up to ±600: e^600 overflows a double
        }

        Matrix p = Loss.Softmax(logits);

        for (int r = 0; r < p.Rows; r++)
        {
            double[] row = p.Row(r).ToArray();
            row.All(v => v >= 0 && v <= 1).ShouldBeTrue($"row {r} of Softmax has an entry outside [0, 1]: {string.Join(", ", row)}");
            row.Sum().ShouldBe(1.0, 1e-12, $"row {r} of Softmax should add up to 1");
        }
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_equal_logits_over_seven_classes_is_ln_7()
    {
        var logits = new Matrix(4, 7); // all zeros: every class equally likely

        Loss.CrossEntropy(logits, [0, 3, 6, 2]).ShouldBe(Math.Log(7), 1e-12);
    }

    [Grades("Training.Train")]
    [Test]
    public void Training_with_a_batch_size_that_leaves_a_remainder_still_separates_the_clusters()
    {
        Dataset data = TestNetworks.ThreeClusters(perClass: 13, seed: 903); // 39 samples: batches of 7 leave 4
        Network network = TestNetworks.Random([2, 8, 3], Activation.ReLU, seed: 904, scale: 1.0);

        network.Train(data.Images, data.Labels, learningRate: 0.2, epochs: 60, batchSize: 7);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, "every point of three well separated clusters should be classified correctly");
    }

    [Grades("Training.Train")]
    [Test]
    [GradedRun("mnist-last-part")]
    public void Your_network_also_beats_the_threshold_when_trained_on_another_part_of_the_training_set() =>
        GradedMnistRun.Run(
            GradedRunSpec.MnistLastPart,
            (all, settings) => MnistGradeTests.Train(GradedRunSpec.MnistLastPart, all, settings),
            KataMetrics.MnistAccuracy,
            "Trained on the last training images with another seed, your network must pass as well as on the first ones.");

    // A batch whose hidden weighted sums all lie at least 1e-3 from ReLU's kink at 0 (a row that does not is
    // drawn again), so that the central difference never straddles the kink. Sigmoid has no kink.
    private static Matrix DrawBatchAwayFromTheKink(Random random, Matrix[] weights, double[][] biases, Activation activation, int samples)
    {
        var x = new Matrix(samples, weights[0].Rows);
        for (int i = 0; i < samples; i++)
        {
            double[] row;
            do
            {
                row = GradeTime.Vector(random, x.Cols);
            }
            while (activation == Activation.ReLU && Reference.Forward(weights, biases, Reference.Of(activation).Function, Matrix.FromRows(row)).Sums[..^1].Any(z => z.Data.Any(v => Math.Abs(v) < 1e-3)));

            row.CopyTo(x.Row(i));
        }

        return x;
    }

    // The central difference (L(θ + h) − L(θ − h)) / 2h of the reference loss for every weight and bias,
    // weights before biases, layer 0 first. Works on copies: the parameters given are left as they were.
    private static double[] NumericalGradient(Matrix[] weights, double[][] biases, Activation activation, Matrix x, int[] labels)
    {
        const double H = 1e-5;
        Matrix[] w = [.. weights.Select(m => m.Clone())];
        double[][] b = [.. biases.Select(v => (double[])v.Clone())];
        double Loss() => Reference.CrossEntropy(Reference.Logits(w, b, activation, x), labels);
        double Slope(double[] values, int i)
        {
            double kept = values[i];
            values[i] = kept + H;
            double up = Loss();
            values[i] = kept - H;
            double down = Loss();
            values[i] = kept;
            return (up - down) / (2 * H);
        }

        var gradient = new List<double>();
        for (int l = 0; l < w.Length; l++)
        {
            gradient.AddRange(Enumerable.Range(0, w[l].Data.Length).Select(i => Slope(w[l].Data, i)));
            gradient.AddRange(Enumerable.Range(0, b[l].Length).Select(j => Slope(b[l], j)));
        }

        return [.. gradient];
    }
}
