using Kata.Tests.Checkpoint4;

namespace Kata.Tests.Checkpoint10.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 10: shapes and seeds the visible tests do not use — a rectangular kernel
/// position, three input channels, a 4x4 kernel, ties across channels, and a network with two hidden layers.
/// </summary>
[Checkpoint(10)]
[HoldOut]
public sealed class ConvolutionHoldOutTests
{
    [Grades("ConvLayer.Forward")]
    [Test]
    public void Forward_equals_the_definition_for_three_channels_and_a_4x4_kernel()
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(7, 5, 3), filters: 5, kernelSize: 4, seed: 1001);
        Matrix x = TestData.RandomMatrix(2, layer.Input.Size, seed: 1002);

        layer.Forward(x).ShouldMatch(ConvTestData.Convolve(layer, x), 1e-12);
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
}
