namespace Kata.Tests.Checkpoint10;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>2x2 max-pooling, forward and backward: hand-worked examples, shapes, ties and the gradient check.</summary>
[Checkpoint(10)]
public sealed class PoolingTests
{
    private const double Tolerance = 1e-12;

    // A 4x4 grey image:   1  5  2  0
    //                     3  2  8  1
    //                     0  0  4  4
    //                    -1  7  9  3
    private static readonly Matrix Image = Matrix.RowVector(1, 5, 2, 0, 3, 2, 8, 1, 0, 0, 4, 4, -1, 7, 9, 3);

    [Grades("Pooling.MaxPool")]
    [Test]
    public void MaxPool_keeps_the_largest_value_of_each_2x2_window()
    {
        // Windows: top left {1, 5, 3, 2} → 5, top right {2, 0, 8, 1} → 8, bottom left {0, 0, −1, 7} → 7,
        // bottom right {4, 4, 9, 3} → 9.
        Pooling.MaxPool(Image, new ImageShape(4, 4, 1)).ShouldMatch(Matrix.RowVector(5, 8, 7, 9), Tolerance);
    }

    [Grades("Pooling.MaxPool")]
    [Test]
    public void MaxPool_pools_each_channel_on_its_own()
    {
        // Two channels of a 2x2 image, channels last: channel 0 is 1, 4, 3, 2 and channel 1 is −1, −4, −3, −2.
        var x = Matrix.RowVector(1, -1, 4, -4, 3, -3, 2, -2);

        Pooling.MaxPool(x, new ImageShape(2, 2, 2)).ShouldMatch(Matrix.RowVector(4, -1), Tolerance, "one pixel with two channels: max 4 and max −1");
    }

    [Grades("Pooling.MaxPool")]
    [Test]
    public void MaxPool_leaves_out_an_odd_last_row_and_column()
    {
        // 3x3: only the top-left window fits; the 100s in the last row and column are left out.
        var x = Matrix.RowVector(1, 2, 100, 3, 4, 100, 100, 100, 100);

        Pooling.MaxPool(x, new ImageShape(3, 3, 1)).ShouldMatch(Matrix.RowVector(4), Tolerance);
    }

    [Grades("Pooling.MaxPool")]
    [TestCase(24, 24, 8, 12, 12)]
    [TestCase(5, 7, 3, 2, 3)]
    [TestCase(2, 2, 1, 1, 1)]
    [TestCase(6, 4, 2, 3, 2)]
    public void MaxPool_halves_the_height_and_width_and_keeps_the_channels(int height, int width, int channels, int outHeight, int outWidth)
    {
        Matrix x = TestData.RandomMatrix(3, height * width * channels, seed: 121);

        Matrix pooled = Pooling.MaxPool(x, new ImageShape(height, width, channels));

        pooled.ShouldHaveShape(3, outHeight * outWidth * channels);
    }

    [Grades("Pooling.MaxPool")]
    [Test]
    public void MaxPool_rejects_images_of_the_wrong_size_naming_both_shapes()
    {
        Action pool = () => Pooling.MaxPool(new Matrix(1, 15), new ImageShape(4, 4, 1));

        pool.ShouldRejectWith(["MaxPool", "4x4x1", "1x15"]);
    }

    [Grades("Pooling.MaxPoolBackward")]
    [Test]
    public void MaxPoolBackward_sends_each_window_gradient_to_its_maximum()
    {
        // The maxima 5, 8, 7, 9 sit at (0, 1), (1, 2), (3, 1) and (3, 2); they get the deltas 10, 20, 30, 40.
        Matrix gradient = Pooling.MaxPoolBackward(Image, new ImageShape(4, 4, 1), Matrix.RowVector(10, 20, 30, 40));

        gradient.ShouldMatch(Matrix.RowVector(0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 30, 40, 0), Tolerance);
    }

    [Grades("Pooling.MaxPoolBackward")]
    [Test]
    public void MaxPoolBackward_gives_a_tie_to_the_first_maximum_in_reading_order()
    {
        // Window 1: all four equal → top left. Window 2: 3 at top right and bottom left → top right.
        // 2x4 image: 1 1 0 3
        //            1 1 3 2
        var x = Matrix.RowVector(1, 1, 0, 3, 1, 1, 3, 2);

        Matrix gradient = Pooling.MaxPoolBackward(x, new ImageShape(2, 4, 1), Matrix.RowVector(5, 7));

        gradient.ShouldMatch(Matrix.RowVector(5, 0, 0, 7, 0, 0, 0, 0), Tolerance, "ties: top left, top right, bottom left, bottom right — the first takes it all");
    }

    [Grades("Pooling.MaxPoolBackward")]
    [TestCase(4, 4, 1)]
    [TestCase(6, 4, 3)]
    [TestCase(5, 5, 2)]
    public void MaxPoolBackward_equals_your_numerical_gradient_through_the_pooling(int height, int width, int channels)
    {
        var shape = new ImageShape(height, width, channels);
        Matrix x = TestData.RandomMatrix(2, shape.Size, seed: 122); // random: no two values of a window are within h of each other
        Matrix r = TestData.RandomMatrix(2, shape.Pooled().Size, seed: 123);

        Matrix gradient = Pooling.MaxPoolBackward(x, shape, r);

        double[] numeric = Calculus.NumericalGradient(v => ConvTestData.WeightedSum(Pooling.MaxPool(new Matrix(x.Rows, x.Cols, v), shape), r), x.Data);
        gradient.ShouldHaveShape(x.Rows, x.Cols);
        ConvTestData.ShouldAgree("MaxPoolBackward", gradient.Data, numeric, i => ConvTestData.PixelName(shape, i));
    }

    [Grades("Pooling.MaxPoolBackward")]
    [Test]
    public void MaxPoolBackward_rejects_a_delta_of_the_wrong_shape_naming_both_shapes()
    {
        Action backward = () => Pooling.MaxPoolBackward(Image, new ImageShape(4, 4, 1), new Matrix(1, 3));

        backward.ShouldRejectWith(["MaxPoolBackward", "1x4", "1x3"]);
    }
}
