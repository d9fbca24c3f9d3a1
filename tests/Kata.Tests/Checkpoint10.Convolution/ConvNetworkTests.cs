using Kata.Tests.Checkpoint04;

namespace Kata.Tests.Checkpoint10;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The whole convolutional network: the forward pass is the four steps in order, the backward pass agrees
/// with your numerical gradient of the loss for every parameter, and training learns to tell bars apart.
/// </summary>
[Checkpoint(10)]
public sealed class ConvNetworkTests
{
    private const double Tolerance = 1e-12;

    [Grades("ConvNetwork.Forward")]
    [Test]
    public void Forward_is_convolution_ReLU_max_pooling_and_the_dense_layers_in_that_order()
    {
        ConvNetwork network = Small(Activation.ReLU, seed: 131);
        Matrix x = TestData.RandomMatrix(3, network.Conv.Input.Size, seed: 132);

        Matrix logits = network.Forward(x);

        // The same steps written out with the test's own convolution and pooling.
        Matrix features = ConvTestData.Convolve(network.Conv, x);
        var rectified = new Matrix(features.Rows, features.Cols, [.. features.Data.Select(v => Math.Max(0, v))]);
        Matrix expected = network.Dense.Forward(Pool(rectified, network.Conv.Output));
        logits.ShouldMatch(expected, Tolerance, "Dense.Forward(MaxPool(ReLU(Conv.Forward(x)))), 3 samples x 3 classes");
    }

    [Grades("ConvNetwork.Backward")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Backward_gradients_equal_your_numerical_gradient_of_the_loss(Activation activation)
    {
        ShouldAgreeWithNumericalGradient(Small(activation, seed: 133), samples: 4, classes: 3, seed: 134);
    }

    [Grades("ConvNetwork.Backward")]
    [Test]
    public void Backward_reports_the_loss_of_the_batch()
    {
        ConvNetwork network = Small(Activation.ReLU, seed: 135);
        Matrix x = TestData.RandomMatrix(4, network.Conv.Input.Size, seed: 136);
        int[] labels = [0, 2, 1, 2];

        ConvNetworkGradients gradients = network.Backward(x, labels);

        gradients.ShouldNotBeNull();
        gradients.Loss.ShouldBe(Loss.CrossEntropy(network.Forward(x), labels), Tolerance, "CrossEntropy(Forward(x), labels)");
    }

    [Grades("ConvNetwork.TrainStep")]
    [Test]
    public void TrainStep_moves_every_parameter_against_its_gradient()
    {
        ConvNetwork network = Small(Activation.ReLU, seed: 137), before = Copy(network);
        Matrix x = TestData.RandomMatrix(4, network.Conv.Input.Size, seed: 138);
        int[] labels = [1, 0, 2, 1];

        double loss = network.TrainStep(x, labels, learningRate: 0.5);

        ConvNetworkGradients g = before.Backward(x, labels);
        loss.ShouldBe(g.Loss, Tolerance, "TrainStep returns the batch's loss before the step");
        network.Conv.Kernels.ShouldMatch(Stepped(before.Conv.Kernels, g.Conv.Kernels, 0.5), Tolerance, "Kernels − learningRate · dKernels");
        network.Conv.Biases.ShouldBe([.. before.Conv.Biases.Zip(g.Conv.Biases, (b, d) => b - (0.5 * d))], Tolerance, "conv Biases − learningRate · dBiases");
        for (int l = 0; l < network.Dense.LayerCount; l++)
        {
            network.Dense.Weights[l].ShouldMatch(Stepped(before.Dense.Weights[l], g.Dense.Weights[l], 0.5), Tolerance, $"dense layer {l}: W − learningRate · dW");
            network.Dense.Biases[l].ShouldBe([.. before.Dense.Biases[l].Zip(g.Dense.Biases[l], (b, d) => b - (0.5 * d))], Tolerance, $"dense layer {l}: b − learningRate · db");
        }
    }

    [Grades("ConvNetwork.Train")]
    [Test]
    public void Train_walks_the_samples_in_order_one_TrainStep_per_batch_and_returns_every_loss()
    {
        ConvNetwork trained = Small(Activation.ReLU, seed: 139), byHand = Copy(trained);
        Matrix x = TestData.RandomMatrix(7, trained.Conv.Input.Size, seed: 140);
        int[] labels = [0, 1, 2, 0, 1, 2, 0];
        var reported = new List<TrainingProgress>();

        List<double> losses = trained.Train(x, labels, learningRate: 0.2, epochs: 2, batchSize: 3, reported.Add);

        var expected = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((int start, int size) in new[] { (0, 3), (3, 3), (6, 1) })
            {
                var batch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                expected.Add(byHand.TrainStep(batch, labels[start..(start + size)], 0.2));
            }
        }

        losses.ShouldBe(expected, Tolerance, "2 epochs × batches of 3, 3 and 1 samples, in order");
        reported.Select(p => (p.Epoch, p.Batch, p.Samples)).ShouldBe([(1, 1, 3), (1, 2, 3), (1, 3, 1), (2, 1, 3), (2, 2, 3), (2, 3, 1)], "progress after every batch");
    }

    [Grades("ConvNetwork.Train", "ConvNetwork.Predict")]
    [Test]
    [TimeLimit(30)]
    public void Training_learns_to_tell_vertical_from_horizontal_bars()
    {
        Dataset bars = Bars(seed: 141);
        var network = new ConvNetwork( // 6x6x1 → 4 filters of 3x3 → 4x4x4 → max-pool 2x2x4 = 16 → dense 16-6-2
            ConvTestData.Layer(new ImageShape(6, 6, 1), filters: 4, kernelSize: 3, seed: 142),
            TestNetworks.Random([16, 6, 2], Activation.ReLU, seed: 143));

        network.Train(bars.Images, bars.Labels, learningRate: 0.1, epochs: 30, batchSize: 4);

        int[] predicted = network.Predict(bars.Images);
        predicted.ShouldBe(bars.Labels, "every bar's direction, after 30 epochs on 24 images (class 0: vertical, 1: horizontal)");
    }

    [Grades("ConvNetwork.Predict")]
    [Test]
    public void Predict_picks_the_largest_logit_the_first_of_equal_ones()
    {
        // A 2x2 filter that copies the top-left pixel of each window turns a 3x3 image into 2x2, which pools
        // to one number v, the largest of the four top-left pixels; a dense layer with weights (1, 1, 0) and
        // biases (0, 0, 0.5) makes the logits (v, v, 0.5).
        var conv = new ConvLayer(new ImageShape(3, 3, 1), 2, Matrix.ColumnVector(1, 0, 0, 0), [0]);
        var dense = new Network([Matrix.RowVector(1, 1, 0)], [[0, 0, 0.5]]);
        var x = Matrix.FromRows([2, 0, 0, 0, 0, 0, 0, 0, 0], [0.2, 0, 0, 0, 0, 0, 0, 0, 0]);

        new ConvNetwork(conv, dense).Predict(x).ShouldBe([0, 2], "(2, 2, 0.5) → class 0, the first of the equal largest; (0.2, 0.2, 0.5) → class 2");
    }

    /// <summary>
    /// Checks ConvNetwork.Backward against the learner's numerical gradient of CrossEntropy(Forward(x)) for
    /// every kernel weight, bias and dense parameter. Hold-out tests use it too.
    /// </summary>
    internal static void ShouldAgreeWithNumericalGradient(ConvNetwork network, int samples, int classes, int seed)
    {
        Matrix x = TestData.RandomMatrix(samples, network.Conv.Input.Size, seed);
        int[] labels = [.. Enumerable.Range(0, samples).Select(i => i % classes)];
        ConvNetworkGradients g = network.Backward(x, labels);
        g.ShouldNotBeNull();

        // Each parameter array in turn is replaced in a copy of the network, whose loss is then measured.
        ConvNetwork copy = Copy(network);
        double LossOf(ConvNetwork n) => Loss.CrossEntropy(n.Forward(x), labels);

        double[] numericKernels = Calculus.NumericalGradient(v => { v.CopyTo(copy.Conv.Kernels.Data, 0); return LossOf(copy); }, network.Conv.Kernels.Data);
        network.Conv.Kernels.Data.CopyTo(copy.Conv.Kernels.Data, 0);
        ConvTestData.ShouldAgree("ConvNetwork.Backward, Conv.Kernels", g.Conv.Kernels.Data, numericKernels, i => ConvTestData.KernelName(network.Conv, i));

        double[] numericBiases = Calculus.NumericalGradient(v => { v.CopyTo(copy.Conv.Biases, 0); return LossOf(copy); }, network.Conv.Biases);
        network.Conv.Biases.CopyTo(copy.Conv.Biases, 0);
        ConvTestData.ShouldAgree("ConvNetwork.Backward, Conv.Biases", g.Conv.Biases, numericBiases, f => $"Conv.Biases[{f}]");

        for (int l = 0; l < network.Dense.LayerCount; l++)
        {
            Matrix w = copy.Dense.Weights[l];
            double[] numericW = Calculus.NumericalGradient(v => { v.CopyTo(w.Data, 0); return LossOf(copy); }, network.Dense.Weights[l].Data);
            network.Dense.Weights[l].Data.CopyTo(w.Data, 0);
            ConvTestData.ShouldAgree($"ConvNetwork.Backward, Dense.Weights[{l}]", g.Dense.Weights[l].Data, numericW, i => $"Dense.Weights[{l}][{i / w.Cols}, {i % w.Cols}]");

            double[] b = copy.Dense.Biases[l];
            double[] numericB = Calculus.NumericalGradient(v => { v.CopyTo(b, 0); return LossOf(copy); }, network.Dense.Biases[l]);
            network.Dense.Biases[l].CopyTo(b, 0);
            ConvTestData.ShouldAgree($"ConvNetwork.Backward, Dense.Biases[{l}]", g.Dense.Biases[l], numericB, j => $"Dense.Biases[{l}][{j}]");
        }
    }

    // 6x6x2 images → 3 filters of 3x3 → 4x4x3 → max-pool 2x2x3 = 12 → dense 12-5-3.
    private static ConvNetwork Small(Activation activation, int seed) => new(
        ConvTestData.Layer(new ImageShape(6, 6, 2), filters: 3, kernelSize: 3, seed),
        TestNetworks.Random([12, 5, 3], activation, seed + 7));

    private static ConvNetwork Copy(ConvNetwork network) => new(
        new ConvLayer(network.Conv.Input, network.Conv.KernelSize, network.Conv.Kernels.Clone(), [.. network.Conv.Biases]),
        TestNetworks.Copy(network.Dense));

    private static Matrix Stepped(Matrix before, Matrix gradient, double learningRate) =>
        new(before.Rows, before.Cols, [.. before.Data.Zip(gradient.Data, (p, d) => p - (learningRate * d))]);

    // 2x2 max-pooling written out (the test's own, not yours).
    private static Matrix Pool(Matrix x, ImageShape shape)
    {
        ImageShape pooled = shape.Pooled();
        var result = new Matrix(x.Rows, pooled.Size);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < pooled.Height; y++)
            {
                for (int xx = 0; xx < pooled.Width; xx++)
                {
                    for (int c = 0; c < shape.Channels; c++)
                    {
                        result[s, pooled.Index(y, xx, c)] = new[] { (0, 0), (0, 1), (1, 0), (1, 1) }
                            .Max(d => x[s, shape.Index((2 * y) + d.Item1, (2 * xx) + d.Item2, c)]);
                    }
                }
            }
        }

        return result;
    }

    // 24 noisy 6x6 images: a bright vertical bar (class 0) or a horizontal one (class 1) at a seeded place.
    private static Dataset Bars(int seed)
    {
        var random = new Random(seed);
        var x = new Matrix(24, 36);
        var labels = new int[24];
        for (int s = 0; s < 24; s++)
        {
            labels[s] = s % 2;
            int at = random.Next(6);
            for (int p = 0; p < 36; p++)
            {
                int y = p / 6, xx = p % 6;
                bool onBar = labels[s] == 0 ? xx == at : y == at;
                x[s, p] = (onBar ? 1.0 : 0.0) + (0.1 * random.NextDouble());
            }
        }

        return new Dataset(x, labels);
    }
}
