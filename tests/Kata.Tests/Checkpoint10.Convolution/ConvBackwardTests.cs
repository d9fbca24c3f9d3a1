namespace Kata.Tests.Checkpoint10;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The convolution's backward pass: a hand-worked example, and the gradient check — every gradient of the
/// kernels, the biases and the input must equal your own checkpoint-2 Calculus.NumericalGradient of the
/// scalar loss Σ Forward(x) ⊙ R, whose gradient with respect to the output is R itself (so delta = R).
/// </summary>
[Checkpoint(10)]
[Grades("ConvLayer.Backward")]
public sealed class ConvBackwardTests
{
    [Test]
    public void Backward_of_a_2x2_kernel_on_a_3x3_image_with_delta_one_everywhere()
    {
        // Kernel 1 2 / 3 4 over 1 2 3 / 4 5 6 / 7 8 9, and delta = 1 at all four output pixels:
        // dKernel[dy, dx] is the sum of the pixels under that weight at the four positions:
        //   (0,0): 1 + 2 + 4 + 5 = 12, (0,1): 2 + 3 + 5 + 6 = 16, (1,0): 4 + 5 + 7 + 8 = 24, (1,1): 5 + 6 + 8 + 9 = 28.
        // dBias is the sum of delta, 4. dx[y, x] adds the kernel weight that touched the pixel at each position:
        //   1  1+2  2   /   1+3  1+2+3+4  2+4   /   3  3+4  4   =   1 3 2 / 4 10 6 / 3 7 4.
        var layer = new ConvLayer(new ImageShape(3, 3, 1), 2, ConvTestData.Kernels(2, 1, [[1, 2, 3, 4]]), [0]);
        Matrix x = Matrix.RowVector(1, 2, 3, 4, 5, 6, 7, 8, 9);

        ConvGradients gradients = layer.Backward(x, Matrix.RowVector(1, 1, 1, 1));

        gradients.ShouldNotBeNull();
        gradients.Kernels.ShouldMatch(Matrix.ColumnVector(12, 16, 24, 28), 1e-12, "dKernels, 4x1 like Kernels: each weight collects the pixels it met at the four positions (1 + 2 + 4 + 5 = 12 for the top-left one)");
        gradients.Biases.ShouldBe([4.0], 1e-12, "dBiases");
        gradients.Input.ShouldMatch(Matrix.RowVector(1, 3, 2, 4, 10, 6, 3, 7, 4), 1e-12, "dx, 1x9 like x: each pixel collects the weight of every patch that covered it, added up (the centre, in all four patches, gets 1 + 2 + 3 + 4 = 10)");
    }

    [TestCase(5, 5, 1, 2, 3)]
    [TestCase(4, 6, 3, 2, 2)]
    [TestCase(6, 5, 2, 3, 3)]
    public void Kernel_gradients_equal_your_numerical_gradient(int height, int width, int channels, int filters, int kernelSize)
    {
        (ConvLayer layer, Matrix x, Matrix r) = Case(height, width, channels, filters, kernelSize, seed: 111);

        ConvGradients gradients = layer.Backward(x, r);

        double[] numeric = Calculus.NumericalGradient(
            k => ConvTestData.WeightedSum(new ConvLayer(layer.Input, layer.KernelSize, new Matrix(layer.Kernels.Rows, layer.Filters, k), layer.Biases).Forward(x), r),
            layer.Kernels.Data);
        gradients.Kernels.ShouldHaveShape(layer.Kernels.Rows, layer.Kernels.Cols);
        ConvTestData.ShouldAgree("ConvLayer.Backward, Kernels", gradients.Kernels.Data, numeric, i => ConvTestData.KernelName(layer, i));
    }

    [TestCase(5, 5, 1, 2, 3)]
    [TestCase(4, 6, 3, 2, 2)]
    [TestCase(6, 5, 2, 3, 3)]
    public void Bias_gradients_equal_your_numerical_gradient(int height, int width, int channels, int filters, int kernelSize)
    {
        (ConvLayer layer, Matrix x, Matrix r) = Case(height, width, channels, filters, kernelSize, seed: 112);

        ConvGradients gradients = layer.Backward(x, r);

        double[] numeric = Calculus.NumericalGradient(
            b => ConvTestData.WeightedSum(new ConvLayer(layer.Input, layer.KernelSize, layer.Kernels, b).Forward(x), r),
            layer.Biases);
        ConvTestData.ShouldAgree("ConvLayer.Backward, Biases", gradients.Biases, numeric, f => $"Biases[{f}]");
    }

    [TestCase(5, 5, 1, 2, 3)]
    [TestCase(4, 6, 3, 2, 2)]
    [TestCase(6, 5, 2, 3, 3)]
    public void Input_gradients_equal_your_numerical_gradient(int height, int width, int channels, int filters, int kernelSize)
    {
        (ConvLayer layer, Matrix x, Matrix r) = Case(height, width, channels, filters, kernelSize, seed: 113);

        ConvGradients gradients = layer.Backward(x, r);

        double[] numeric = Calculus.NumericalGradient(v => ConvTestData.WeightedSum(layer.Forward(new Matrix(x.Rows, x.Cols, v)), r), x.Data);
        gradients.Input.ShouldHaveShape(x.Rows, x.Cols);
        ConvTestData.ShouldAgree("ConvLayer.Backward, Input", gradients.Input.Data, numeric, i => ConvTestData.PixelName(layer.Input, i));
    }

    [Test]
    public void Backward_rejects_a_delta_of_the_wrong_shape_naming_the_layer_and_both_shapes()
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(3, 3, 1), filters: 1, kernelSize: 2, seed: 114);
        Matrix x = TestData.RandomMatrix(2, 9, seed: 115);

        Action backward = () => layer.Backward(x, new Matrix(2, 5));

        backward.ShouldRejectWith(["ConvLayer", "2x2x1", "2x5"]);
    }

    [Test]
    public void Backward_changes_neither_the_images_nor_the_layer_nor_delta()
    {
        (ConvLayer layer, Matrix x, Matrix r) = Case(4, 4, 2, 2, 3, seed: 116);
        Matrix xBefore = x.Clone(), rBefore = r.Clone(), kernelsBefore = layer.Kernels.Clone();
        double[] biasesBefore = [.. layer.Biases];

        layer.Backward(x, r);

        x.ShouldMatch(xBefore, 0);
        r.ShouldMatch(rBefore, 0);
        layer.Kernels.ShouldMatch(kernelsBefore, 0);
        layer.Biases.ShouldBe(biasesBefore);
    }

    // A seeded layer, a batch of two images and the weights R of the loss Σ Forward(x) ⊙ R.
    internal static (ConvLayer Layer, Matrix X, Matrix R) Case(int height, int width, int channels, int filters, int kernelSize, int seed)
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(height, width, channels), filters, kernelSize, seed);
        Matrix x = TestData.RandomMatrix(2, layer.Input.Size, seed + 1);
        Matrix r = TestData.RandomMatrix(2, layer.Output.Size, seed + 2);
        return (layer, x, r);
    }
}
