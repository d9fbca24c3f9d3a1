namespace Kata.Tests.Checkpoint10;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The convolution's forward pass: small examples worked out by hand (in the comments), the layout of the
/// output (channels last), output shapes, and random layers against the definition.
/// </summary>
[Checkpoint(10)]
[Grades("ConvLayer.Forward")]
public sealed class ConvForwardTests
{
    private const double Tolerance = 1e-12;

    // The 3x3 image 1 2 3 / 4 5 6 / 7 8 9, one channel: a row of 9 numbers.
    private static readonly Matrix OneToNine = Matrix.RowVector(1, 2, 3, 4, 5, 6, 7, 8, 9);

    [Test]
    public void A_3x3_kernel_on_a_3x3_image_gives_one_number_the_sum_of_kernel_times_image_plus_the_bias()
    {
        // Kernel 1 0 −1 / 2 0 −2 / 1 0 −1 (it measures how much brighter the left is than the right):
        // 1·1 + 3·(−1) + 4·2 + 6·(−2) + 7·1 + 9·(−1) = −8, plus the bias 0.5 = −7.5.
        var layer = new ConvLayer(new ImageShape(3, 3, 1), 3, ConvTestData.Kernels(3, 1, [[1, 0, -1, 2, 0, -2, 1, 0, -1]]), [0.5]);

        layer.Forward(OneToNine).ShouldMatch(Matrix.RowVector(-7.5), Tolerance);
    }

    [Test]
    public void A_2x2_kernel_slides_over_every_position_of_a_3x3_image_without_flipping()
    {
        // Kernel 1 2 / 3 4 at the top left: 1·1 + 2·2 + 3·4 + 4·5 = 37; top right: 1·2 + 2·3 + 3·5 + 4·6 = 47;
        // bottom left: 1·4 + 2·5 + 3·7 + 4·8 = 67; bottom right: 1·5 + 2·6 + 3·8 + 4·9 = 77.
        // (A flipped kernel, 4 3 / 2 1, would give 23 at the top left.)
        var layer = new ConvLayer(new ImageShape(3, 3, 1), 2, ConvTestData.Kernels(2, 1, [[1, 2, 3, 4]]), [0]);

        layer.Forward(OneToNine).ShouldMatch(Matrix.RowVector(37, 47, 67, 77), Tolerance, "a 2x2x1 output image, row by row");
    }

    [Test]
    public void Two_filters_give_two_channels_side_by_side_at_every_output_pixel()
    {
        // Filter 0 (1 0 / 0 0) copies a window's top-left pixel; filter 1 (0 0 / 0 1) its bottom-right
        // pixel plus the bias 10. Channels last: pixel (0, 0) holds 1 and 5 + 10, pixel (0, 1) holds 2 and 16, …
        var layer = new ConvLayer(new ImageShape(3, 3, 1), 2, ConvTestData.Kernels(2, 1, [[1, 0, 0, 0]], [[0, 0, 0, 1]]), [0, 10]);

        layer.Forward(OneToNine).ShouldMatch(Matrix.RowVector(1, 15, 2, 16, 4, 18, 5, 19), Tolerance, "2x2x2: (filter 0, filter 1) for each output pixel in turn");
    }

    [Test]
    public void Each_input_channel_has_its_own_kernel_weights()
    {
        // A 3x3 image with two channels: channel 0 is 1 … 9, channel 1 is −1 … −9, interleaved (channels last).
        // The filter takes the centre of channel 0 (5) and the top-left corner of channel 1 (−1): 5 − 1 = 4.
        var x = new Matrix(1, 18, [.. Enumerable.Range(1, 9).SelectMany(v => new double[] { v, -v })]);
        var layer = new ConvLayer(
            new ImageShape(3, 3, 2),
            3,
            ConvTestData.Kernels(3, 2, [[0, 0, 0, 0, 1, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 0]]),
            [0]);

        layer.Forward(x).ShouldMatch(Matrix.RowVector(4), Tolerance, "kernel row (dy·k + dx)·C + c holds the weight for channel c at (dy, dx)");
    }

    [Test]
    public void Each_image_of_a_batch_is_convolved_on_its_own()
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(4, 5, 2), filters: 3, kernelSize: 2, seed: 101);
        Matrix batch = TestData.RandomMatrix(3, layer.Input.Size, seed: 102);

        Matrix together = layer.Forward(batch);

        together.ShouldHaveShape(3, layer.Output.Size);
        for (int s = 0; s < 3; s++)
        {
            var alone = new Matrix(1, batch.Cols, batch.Row(s).ToArray());
            new Matrix(1, together.Cols, together.Row(s).ToArray()).ShouldMatch(layer.Forward(alone), Tolerance, $"image {s} in the batch and alone");
        }
    }

    [TestCase(28, 28, 1, 8, 5, 24, 24)]
    [TestCase(5, 7, 3, 4, 3, 3, 5)]
    [TestCase(6, 6, 2, 1, 6, 1, 1)]
    [TestCase(4, 9, 1, 2, 2, 3, 8)]
    public void The_output_has_one_image_of_H_minus_k_plus_1_by_W_minus_k_plus_1_by_filters_per_input_image(
        int height, int width, int channels, int filters, int kernelSize, int outHeight, int outWidth)
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(height, width, channels), filters, kernelSize, seed: 103);
        Matrix x = TestData.RandomMatrix(2, height * width * channels, seed: 104);

        Matrix output = layer.Forward(x);

        output.ShouldHaveShape(2, outHeight * outWidth * filters);
    }

    [TestCase(5, 5, 1, 2, 3)]
    [TestCase(6, 4, 3, 4, 2)]
    [TestCase(7, 7, 2, 3, 4)]
    public void Forward_equals_the_definition_on_random_layers(int height, int width, int channels, int filters, int kernelSize)
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(height, width, channels), filters, kernelSize, seed: 105);
        Matrix x = TestData.RandomMatrix(3, height * width * channels, seed: 106);

        layer.Forward(x).ShouldMatch(ConvTestData.Convolve(layer, x), 1e-12);
    }

    [Test]
    public void Forward_rejects_images_of_the_wrong_size_naming_the_layer_and_both_shapes()
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(5, 5, 1), filters: 2, kernelSize: 3, seed: 107);
        Matrix x = TestData.RandomMatrix(2, 24, seed: 108);

        Action forward = () => layer.Forward(x);

        forward.ShouldRejectWith(["ConvLayer", "5x5x1", "2x24"]);
    }

    [Test]
    public void Forward_changes_neither_the_images_nor_the_kernels()
    {
        ConvLayer layer = ConvTestData.Layer(new ImageShape(4, 4, 2), filters: 2, kernelSize: 3, seed: 109);
        Matrix x = TestData.RandomMatrix(2, layer.Input.Size, seed: 110);
        Matrix xBefore = x.Clone(), kernelsBefore = layer.Kernels.Clone();
        double[] biasesBefore = [.. layer.Biases];

        layer.Forward(x);

        x.ShouldMatch(xBefore, 0);
        layer.Kernels.ShouldMatch(kernelsBefore, 0);
        layer.Biases.ShouldBe(biasesBefore);
    }
}
