using Kata.Tests.Checkpoint04;

namespace Kata.Tests.Checkpoint10.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 10. Most draw their layers, images, networks and training runs at grade
/// time (<see cref="GradeTime"/>: a seed of the submission's own) and compare the learner's methods with
/// <see cref="ConvReference"/>, the definitions written out with plain loops, computed before the learner's
/// method is called. Beside them stay fixed cases the visible tests do not use: ties across channels, and
/// the numerical gradient through three channels, a 4x4 kernel and two hidden layers.
/// </summary>
[Checkpoint(10)]
[HoldOut]
public sealed class ConvolutionHoldOutTests
{
    private const double Relative = 1e-10;

    [Grades("ConvLayer.Forward")]
    [Test]
    public void Forward_equals_the_definition_for_three_channels_and_a_4x4_kernel()
    {
        Random random = GradeTime.Random();
        var input = new ImageShape(7, 5, 3);
        var layer = new ConvLayer(input, 4, GradeTime.Matrix(random, 4 * 4 * 3, 5, -1, 1), GradeTime.Vector(random, 5, -0.5, 0.5));
        Matrix x = GradeTime.Matrix(random, 2, input.Size);
        Matrix expected = ConvReference.Convolve(x, input, 4, layer.Kernels, layer.Biases);

        layer.Forward(x).ShouldMatch(expected, ConvReference.Tolerance(Relative, expected.Data));
    }

    [Grades("ConvLayer.Forward")]
    [Test]
    public void Forward_of_a_drawn_layer_on_a_drawn_batch_equals_the_definition()
    {
        Random random = GradeTime.Random();
        int k = GradeTime.Between(random, 1, 4), channels = GradeTime.Between(random, 1, 3), filters = GradeTime.Between(random, 1, 4);
        var input = new ImageShape(GradeTime.Between(random, k, 9), GradeTime.Between(random, k, 9), channels);
        var layer = new ConvLayer(input, k, GradeTime.Matrix(random, k * k * channels, filters, -1, 1), GradeTime.Vector(random, filters, -0.5, 0.5));
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 3), input.Size);
        Matrix expected = ConvReference.Convolve(x, input, k, layer.Kernels, layer.Biases);

        Matrix output = layer.Forward(x);

        output.ShouldMatch(expected, ConvReference.Tolerance(Relative, expected.Data), $"{x.Rows} images of {input} through {filters} filters of {k}x{k}: {layer.Output} each, channels last");
    }

    [Grades("ConvLayer.Backward")]
    [Test]
    public void Backward_agrees_with_the_numerical_gradient_for_three_channels_and_a_4x4_kernel()
    {
        (ConvLayer layer, Matrix x, Matrix r) = ConvBackwardTests.Case(7, 5, 3, 2, 4, seed: 1003);

        ConvGradients g = layer.Backward(x, r);

        double[] numericX = Calculus.NumericalGradient(v => ConvTestData.WeightedSum(layer.Forward(new Matrix(x.Rows, x.Cols, v)), r), x.Data);
        ConvTestData.ShouldAgree("ConvLayer.Backward, Input", g.Input.Data, numericX, i => ConvTestData.PixelName(layer.Input, i));
        double[] numericK = Calculus.NumericalGradient(
            k => ConvTestData.WeightedSum(new ConvLayer(layer.Input, layer.KernelSize, new Matrix(layer.Kernels.Rows, layer.Filters, k), layer.Biases).Forward(x), r),
            layer.Kernels.Data);
        ConvTestData.ShouldAgree("ConvLayer.Backward, Kernels", g.Kernels.Data, numericK, i => ConvTestData.KernelName(layer, i));
    }

    [Grades("ConvLayer.Backward")]
    [Test]
    public void Backward_of_a_drawn_layer_and_delta_gives_the_kernel_bias_and_input_gradients_of_the_definition()
    {
        Random random = GradeTime.Random();
        int k = GradeTime.Between(random, 1, 4), channels = GradeTime.Between(random, 1, 3), filters = GradeTime.Between(random, 1, 4);
        var input = new ImageShape(GradeTime.Between(random, k, 8), GradeTime.Between(random, k, 8), channels);
        var layer = new ConvLayer(input, k, GradeTime.Matrix(random, k * k * channels, filters, -1, 1), GradeTime.Vector(random, filters, -0.5, 0.5));
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 3), input.Size);
        Matrix delta = GradeTime.Matrix(random, x.Rows, layer.Output.Size);
        (Matrix kernels, double[] biases, Matrix pixels) = ConvReference.ConvBackward(x, input, k, layer.Kernels, delta);

        ConvGradients g = layer.Backward(x, delta);

        g.ShouldNotBeNull();
        string what = $"{x.Rows} images of {input}, {filters} filters of {k}x{k}";
        g.Kernels.ShouldMatch(kernels, ConvReference.Tolerance(Relative, kernels.Data), $"dKernels[(dy·k + dx)·C + c, f] = Σ delta · the pixel that weight touched ({what})");
        g.Biases.ShouldBe(biases, ConvReference.Tolerance(Relative, biases), $"dBiases[f] = Σ of filter f's delta ({what})");
        g.Input.ShouldMatch(pixels, ConvReference.Tolerance(Relative, pixels.Data), $"dx: every kernel weight that touched a pixel, times its delta ({what})");
    }

    [Grades("Pooling.MaxPool", "Pooling.MaxPoolBackward")]
    [Test]
    public void Ties_are_resolved_per_channel_in_reading_order()
    {
        // A 2x2 image with 3 channels: channel 0 all 2 (→ top left), channel 1 max 5 at bottom left and
        // bottom right (→ bottom left), channel 2 max 0 at top right and bottom right (→ top right).
        var x = Matrix.RowVector(2, 1, -1, 2, 3, 0, 2, 5, -2, 2, 5, 0);
        var shape = new ImageShape(2, 2, 3);

        Pooling.MaxPool(x, shape).ShouldMatch(Matrix.RowVector(2, 5, 0), 1e-12);
        Pooling.MaxPoolBackward(x, shape, Matrix.RowVector(1, 2, 3))
            .ShouldMatch(Matrix.RowVector(1, 0, 0, 0, 0, 3, 0, 2, 0, 0, 0, 0), 1e-12);
    }

    [Grades("Pooling.MaxPool")]
    [Test]
    public void MaxPool_of_drawn_images_with_distinct_values_keeps_each_window_maximum()
    {
        Random random = GradeTime.Random();
        var shape = new ImageShape(GradeTime.Between(random, 2, 9), GradeTime.Between(random, 2, 9), GradeTime.Between(random, 1, 3));
        Matrix x = DistinctValues(random, GradeTime.Between(random, 1, 3), shape.Size);
        Matrix expected = ConvReference.MaxPool(x, shape);

        Pooling.MaxPool(x, shape).ShouldMatch(expected, 0.0, $"{x.Rows} images of {shape} pool to {shape.Pooled()} each (an odd last row or column is left out)");
    }

    [Grades("Pooling.MaxPoolBackward")]
    [Test]
    public void MaxPoolBackward_of_drawn_images_sends_each_drawn_delta_to_its_window_maximum()
    {
        Random random = GradeTime.Random();
        var shape = new ImageShape(GradeTime.Between(random, 2, 9), GradeTime.Between(random, 2, 9), GradeTime.Between(random, 1, 3));
        Matrix x = DistinctValues(random, GradeTime.Between(random, 1, 3), shape.Size);
        Matrix delta = GradeTime.Matrix(random, x.Rows, shape.Pooled().Size);
        Matrix expected = ConvReference.MaxPoolBackward(x, shape, delta);

        Pooling.MaxPoolBackward(x, shape, delta).ShouldMatch(expected, 1e-12, $"{x.Rows} images of {shape}: each window's delta at its maximum, 0 everywhere else");
    }

    [Grades("Pooling.MaxPool", "Pooling.MaxPoolBackward")]
    [Test]
    public void MaxPool_of_drawn_images_full_of_ties_gives_each_window_gradient_to_its_first_maximum()
    {
        // Whole numbers from −2 to 2: most windows hold their maximum more than once.
        Random random = GradeTime.Random();
        var shape = new ImageShape(GradeTime.Between(random, 2, 7), GradeTime.Between(random, 2, 7), GradeTime.Between(random, 1, 3));
        var x = new Matrix(GradeTime.Between(random, 1, 3), shape.Size);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = GradeTime.Between(random, -2, 2);
        }

        Matrix delta = GradeTime.Matrix(random, x.Rows, shape.Pooled().Size, 1, 2);
        Matrix pooled = ConvReference.MaxPool(x, shape), gradient = ConvReference.MaxPoolBackward(x, shape, delta);

        Pooling.MaxPool(x.Clone(), shape).ShouldMatch(pooled, 0.0, "the largest value of each window, however often it occurs");
        Pooling.MaxPoolBackward(x, shape, delta).ShouldMatch(gradient, 1e-12, "equal maxima: the first in reading order (top left, top right, bottom left, bottom right) takes it all");
    }

    [Grades("ConvNetwork.Forward")]
    [Test]
    public void Forward_of_a_drawn_network_is_the_convolution_ReLU_pooling_and_dense_layers_written_out()
    {
        Random random = GradeTime.Random();
        (ConvNetwork network, Activation hidden) = DrawNetwork(random);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 4), network.Conv.Input.Size);
        Matrix expected = new ConvReference(network, hidden).Forward(x);

        network.Forward(x).ShouldMatch(expected, ConvReference.Tolerance(Relative, expected.Data), $"the logits of {network}");
    }

    [Grades("ConvNetwork.Backward")]
    [Test]
    public void Backward_agrees_with_the_numerical_gradient_for_two_hidden_layers()
    {
        // 7x7x1 → 2 filters of 2x2 → 6x6x2 → max-pool 3x3x2 = 18 → dense 18-6-4-3 sigmoid.
        var network = new ConvNetwork(
            ConvTestData.Layer(new ImageShape(7, 7, 1), filters: 2, kernelSize: 2, seed: 1004),
            TestNetworks.Random([18, 6, 4, 3], Activation.Sigmoid, seed: 1005));

        ConvNetworkTests.ShouldAgreeWithNumericalGradient(network, samples: 3, classes: 3, seed: 1006);
    }

    [Grades("ConvNetwork.Backward")]
    [Test]
    public void Backward_of_a_drawn_network_and_batch_gives_the_loss_and_every_gradient_of_the_chain_rule()
    {
        Random random = GradeTime.Random();
        (ConvNetwork network, Activation hidden) = DrawNetwork(random);
        (Matrix x, int[] labels) = DrawBatch(random, network, GradeTime.Between(random, 1, 5));
        ConvReference.Gradient expected = new ConvReference(network, hidden).Backward(x, labels);

        ConvNetworkGradients g = network.Backward(x, labels);

        g.ShouldNotBeNull();
        g.Loss.ShouldBe(expected.Loss, ConvReference.Tolerance(Relative, [expected.Loss]), "the mean cross-entropy of the batch");
        g.Conv.Kernels.ShouldMatch(expected.Kernels, ConvReference.Tolerance(Relative, expected.Kernels.Data), $"dKernels of {network}");
        g.Conv.Biases.ShouldBe(expected.ConvBiases, ConvReference.Tolerance(Relative, expected.ConvBiases), "dBiases of the convolution");
        for (int l = 0; l < expected.Weights.Length; l++)
        {
            g.Dense.Weights[l].ShouldMatch(expected.Weights[l], ConvReference.Tolerance(Relative, expected.Weights[l].Data), $"dW of dense layer {l}");
            g.Dense.Biases[l].ShouldBe(expected.Biases[l], ConvReference.Tolerance(Relative, expected.Biases[l]), $"db of dense layer {l}");
        }
    }

    [Grades("ConvNetwork.TrainStep")]
    [Test]
    public void TrainStep_on_a_drawn_batch_moves_every_parameter_as_one_step_of_gradient_descent_written_out()
    {
        Random random = GradeTime.Random();
        (ConvNetwork network, Activation hidden) = DrawNetwork(random);
        (Matrix x, int[] labels) = DrawBatch(random, network, GradeTime.Between(random, 2, 6));
        double learningRate = GradeTime.Number(random, 0.05, 0.5);
        var reference = new ConvReference(network, hidden);
        double expectedLoss = reference.Step(x, labels, learningRate);

        double loss = network.TrainStep(x, labels, learningRate);

        loss.ShouldBe(expectedLoss, ConvReference.Tolerance(Relative, [expectedLoss]), "TrainStep returns the batch's loss before the step");
        reference.ShouldMatchTheParametersOf(network, Relative, "after one step: every parameter − learningRate · its gradient");
    }

    [Grades("ConvNetwork.Train")]
    [Test]
    public void Train_on_drawn_samples_takes_one_step_per_batch_in_order_and_reports_each()
    {
        Random random = GradeTime.Random();
        (ConvNetwork network, Activation hidden) = DrawNetwork(random);
        int samples = GradeTime.Between(random, 5, 11), batchSize = GradeTime.Between(random, 2, 4), epochs = GradeTime.Between(random, 2, 3);
        (Matrix x, int[] labels) = DrawBatch(random, network, samples);
        double learningRate = GradeTime.Number(random, 0.05, 0.3);

        // The same run by hand: the batches in order, the last one smaller when batchSize does not divide the samples.
        var reference = new ConvReference(network, hidden);
        int batches = (samples + batchSize - 1) / batchSize;
        var expectedLosses = new List<double>();
        var expectedReports = new List<(int, int, int, int, int)>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize, size = Math.Min(batchSize, samples - start);
                var batch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                expectedLosses.Add(reference.Step(batch, labels[start..(start + size)], learningRate));
                expectedReports.Add((epoch, epochs, b + 1, batches, size));
            }
        }

        var reports = new List<TrainingProgress>();
        List<double> losses = network.Train(x, labels, learningRate, epochs, batchSize, reports.Add);

        string run = $"{epochs} epochs of {samples} samples in batches of {batchSize}";
        losses.ShouldBe(expectedLosses, ConvReference.Tolerance(1e-9, expectedLosses), $"the loss of every batch before its step, in order ({run})");
        reports.Select(p => (p.Epoch, p.Epochs, p.Batch, p.Batches, p.Samples)).ShouldBe(expectedReports, $"one progress report after every batch ({run})");
        reports.Select(p => p.Loss).ShouldBe(expectedLosses, ConvReference.Tolerance(1e-9, expectedLosses), "each report carries its batch's loss");
        reference.ShouldMatchTheParametersOf(network, 1e-9, $"after {run}");
    }

    [Grades("ConvNetwork.Predict")]
    [Test]
    public void Predict_of_a_drawn_network_picks_the_largest_logit_of_each_drawn_image()
    {
        Random random = GradeTime.Random();
        for (int attempt = 0; ; attempt++)
        {
            (ConvNetwork network, Activation hidden) = DrawNetwork(random);
            Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 4, 10), network.Conv.Input.Size);
            var reference = new ConvReference(network, hidden);
            if (!ClearlyLargest(reference.Forward(x)) && attempt < 100)
            {
                continue; // two logits too close to call: draw again
            }

            int[] expected = reference.Predict(x);

            network.Predict(x).ShouldBe(expected, $"the class of the largest logit of each image, for {network}");
            return;
        }
    }

    // A network of drawn shape and numbers: a k x k convolution (k = 2 or 3) of 1 or 2 channels whose output
    // is at least 2x2, then dense layers with 1 or 2 hidden layers of drawn widths, ReLU or sigmoid.
    private static (ConvNetwork Network, Activation Hidden) DrawNetwork(Random random)
    {
        int k = GradeTime.Between(random, 2, 3), channels = GradeTime.Between(random, 1, 2), filters = GradeTime.Between(random, 2, 3);
        var input = new ImageShape(GradeTime.Between(random, k + 1, 8), GradeTime.Between(random, k + 1, 8), channels);
        var conv = new ConvLayer(input, k, GradeTime.Matrix(random, k * k * channels, filters, -0.5, 0.5), GradeTime.Vector(random, filters, -0.25, 0.25));
        Activation hidden = GradeTime.Between(random, 0, 1) == 0 ? Activation.ReLU : Activation.Sigmoid;
        int[] sizes = [conv.Output.Pooled().Size, .. Enumerable.Range(0, GradeTime.Between(random, 1, 2)).Select(_ => GradeTime.Between(random, 3, 6)), GradeTime.Between(random, 2, 4)];
        var weights = new Matrix[sizes.Length - 1];
        var biases = new double[sizes.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = GradeTime.Matrix(random, sizes[l], sizes[l + 1], -0.6, 0.6);
            biases[l] = GradeTime.Vector(random, sizes[l + 1], -0.2, 0.2);
        }

        return (new ConvNetwork(conv, new Network(weights, biases, hidden)), hidden);
    }

    // Drawn images for the network and drawn labels of its classes.
    private static (Matrix X, int[] Labels) DrawBatch(Random random, ConvNetwork network, int samples)
    {
        Matrix x = GradeTime.Matrix(random, samples, network.Conv.Input.Size);
        int classes = network.Dense.LayerSizes[^1];
        int[] labels = [.. Enumerable.Range(0, samples).Select(_ => GradeTime.Between(random, 0, classes - 1))];
        return (x, labels);
    }

    // rows x cols numbers, no two equal (a shuffled ladder with steps of 1/4, each moved by less than 1/10).
    private static Matrix DistinctValues(Random random, int rows, int cols)
    {
        int count = rows * cols;
        int[] order = [.. Enumerable.Range(0, count)];
        random.Shuffle(order);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < count; i++)
        {
            m.Data[i] = ((order[i] - (count / 2.0)) / 4) + GradeTime.Number(random, 0, 0.1);
        }

        return m;
    }

    // True when every row's largest logit beats the others by more than rounding could change.
    private static bool ClearlyLargest(Matrix logits)
    {
        for (int i = 0; i < logits.Rows; i++)
        {
            double[] row = [.. logits.Row(i).ToArray().OrderDescending()];
            if (row.Length > 1 && row[0] - row[1] < 1e-6)
            {
                return false;
            }
        }

        return true;
    }
}
