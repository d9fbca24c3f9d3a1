using System.Globalization;

namespace Kata.Tests.Checkpoint10;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Layers, images and checks for checkpoint 10, written without any learner code: a convolution by its
/// definition (six loops), seeded layers, and the comparison of an analytic gradient with a numerical one.
/// </summary>
internal static class ConvTestData
{
    private const double MaxRelativeError = 1e-6;

    // Gradients smaller than this are compared as if they were this large (the central difference's own
    // rounding error would otherwise dominate the relative error of a gradient that is nearly zero).
    private const double Floor = 1e-4;

    /// <summary>A layer over <paramref name="input"/> images whose kernels and biases are seeded numbers in [-1, 1].</summary>
    public static ConvLayer Layer(ImageShape input, int filters, int kernelSize, int seed)
    {
        Matrix kernels = TestData.RandomMatrix(kernelSize * kernelSize * input.Channels, filters, seed);
        double[] biases = TestData.RandomVector(filters, seed + 1);
        for (int i = 0; i < kernels.Data.Length; i++)
        {
            kernels.Data[i] /= 2;
        }

        return new ConvLayer(input, kernelSize, kernels, [.. biases.Select(b => b / 4)]);
    }

    /// <summary>The layer's kernels written out by hand, one k x k block of numbers per channel and filter.</summary>
    public static Matrix Kernels(int kernelSize, int channels, params double[][][] filters)
    {
        // filters[f][c] holds the k·k weights of filter f for channel c, row by row.
        var kernels = new Matrix(kernelSize * kernelSize * channels, filters.Length);
        for (int f = 0; f < filters.Length; f++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < kernelSize * kernelSize; p++)
                {
                    kernels[(p * channels) + c, f] = filters[f][c][p];
                }
            }
        }

        return kernels;
    }

    /// <summary>
    /// The convolution by its definition: out[s, (y, x, f)] = b[f] + Σ_{dy, dx, c} K[(dy·k + dx)·C + c, f]
    /// · x[s, (y + dy, x + dx, c)], with channels-last indexing written out.
    /// </summary>
    public static Matrix Convolve(ConvLayer layer, Matrix x)
    {
        ImageShape i = layer.Input, o = layer.Output;
        int k = layer.KernelSize;
        var result = new Matrix(x.Rows, o.Size);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < o.Height; y++)
            {
                for (int xx = 0; xx < o.Width; xx++)
                {
                    for (int f = 0; f < o.Channels; f++)
                    {
                        double sum = layer.Biases[f];
                        for (int dy = 0; dy < k; dy++)
                        {
                            for (int dx = 0; dx < k; dx++)
                            {
                                for (int c = 0; c < i.Channels; c++)
                                {
                                    sum += layer.Kernels[(((dy * k) + dx) * i.Channels) + c, f] * x[s, (((((y + dy) * i.Width) + xx + dx) * i.Channels) + c)];
                                }
                            }
                        }

                        result[s, (((y * o.Width) + xx) * o.Channels) + f] = sum;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Σ m[i, j] · weights[i, j]: a scalar "loss" whose gradient with respect to m is exactly weights.</summary>
    public static double WeightedSum(Matrix m, Matrix weights)
    {
        m.ShouldHaveShape(weights.Rows, weights.Cols);
        return m.Data.Zip(weights.Data, (a, b) => a * b).Sum();
    }

    /// <summary>
    /// Asserts that every entry of <paramref name="analytic"/> equals the numerical gradient to a relative
    /// error below 1e-6, naming the first entry that does not.
    /// </summary>
    public static void ShouldAgree(string what, double[] analytic, double[] numeric, Func<int, string> name)
    {
        analytic.ShouldNotBeNull(what);
        analytic.Length.ShouldBe(numeric.Length, $"{what}: one gradient entry per parameter");
        int[] disagree = [.. Enumerable.Range(0, numeric.Length).Where(i => !(RelativeError(analytic[i], numeric[i]) < MaxRelativeError))];
        if (disagree.Length > 0)
        {
            int i = disagree[0];
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: the gradient for {name(i)} is {analytic[i]:G8}, but your numerical gradient is {numeric[i]:G8} "
                + $"(relative error {RelativeError(analytic[i], numeric[i]):G3}, allowed {MaxRelativeError:G1}). "
                + $"{disagree.Length} of {numeric.Length} entries disagree; this is the first."));
        }
    }

    /// <summary>"Kernels[row 7 = (dy 1, dx 0, c 1), filter 2]" for the entry at flat index i of a kernel matrix.</summary>
    public static string KernelName(ConvLayer layer, int i)
    {
        int row = i / layer.Filters, f = i % layer.Filters, c = row % layer.Input.Channels, p = row / layer.Input.Channels;
        return $"Kernels[{row} = (dy {p / layer.KernelSize}, dx {p % layer.KernelSize}, c {c}), filter {f}]";
    }

    /// <summary>"x[image 1, (y 2, x 0, c 1)]" for the entry at flat index i of a batch of images of this shape.</summary>
    public static string PixelName(ImageShape shape, int i)
    {
        int s = i / shape.Size, r = i % shape.Size, c = r % shape.Channels, p = r / shape.Channels;
        return $"x[image {s}, (y {p / shape.Width}, x {p % shape.Width}, c {c})]";
    }

    private static double RelativeError(double a, double b) =>
        Math.Abs(a - b) / Math.Max(Floor, Math.Max(Math.Abs(a), Math.Abs(b)));
}
