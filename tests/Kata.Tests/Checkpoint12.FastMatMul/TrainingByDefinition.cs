using System.Globalization;

namespace Kata.Tests.Checkpoint12;

using Kata.Tests.Checkpoint10;
using NUnit.Framework;

/// <summary>
/// Training written from the definitions alone, without any learner code: the forward pass of a dense or
/// a convolutional network and its mean cross-entropy with plain loops, and every step of gradient
/// descent taken against the numerical gradient of that loss (central differences, each parameter nudged
/// in turn). No backpropagation: slow, and fine for the small networks these tests train.
/// </summary>
internal static class TrainingByDefinition
{
    // The nudge of the central differences: small enough that no ReLU or max-pool in these seeded networks
    // changes its mind within it, large enough that rounding stays far below the tests' tolerance.
    private const double H = 1e-6;

    /// <summary>
    /// The tolerance for a network trained in float against this double reference, relative to the
    /// largest parameter: float keeps about 7 digits, and a few steps lose a little more.
    /// </summary>
    public const double Relative = 1e-4;

    /// <summary>Every parameter of a dense network: the weights of each layer, then its biases.</summary>
    public static IReadOnlyList<(string Name, double[] Values)> Parameters(Network network) =>
    [
        .. network.Weights.SelectMany((w, l) => new[] { ($"the weights of layer {l}", w.Data), ($"the biases of layer {l}", network.Biases[l]) }),
    ];

    /// <summary>Every parameter of a convolutional network: kernels, the convolution's biases, then the dense layers'.</summary>
    public static IReadOnlyList<(string Name, double[] Values)> Parameters(ConvNetwork network) =>
        [("the kernels", network.Conv.Kernels.Data), ("the convolution's biases", network.Conv.Biases), .. Parameters(network.Dense)];

    /// <summary>The logits of a dense network: z = a·W + b layer by layer, the hidden activation between them.</summary>
    public static Matrix Logits(Network network, Matrix x)
    {
        Matrix a = x;
        for (int l = 0; l < network.LayerCount; l++)
        {
            Matrix w = network.Weights[l];
            var z = new Matrix(a.Rows, w.Cols);
            for (int s = 0; s < a.Rows; s++)
            {
                for (int j = 0; j < w.Cols; j++)
                {
                    double sum = network.Biases[l][j];
                    for (int i = 0; i < w.Rows; i++)
                    {
                        sum += a.Data[(s * a.Cols) + i] * w.Data[(i * w.Cols) + j];
                    }

                    z.Data[(s * z.Cols) + j] = sum;
                }
            }

            a = l == network.LayerCount - 1 ? z : new Matrix(z.Rows, z.Cols, [.. z.Data.Select(v => Activate(network.HiddenActivation, v))]);
        }

        return a;
    }

    /// <summary>The logits of a convolutional network: the convolution by its definition, ReLU, 2x2 max-pooling, the dense layers.</summary>
    public static Matrix Logits(ConvNetwork network, Matrix x)
    {
        Matrix features = ConvTestData.Convolve(network.Conv, x);
        ImageShape shape = network.Conv.Output, pooled = shape.Pooled();
        var p = new Matrix(x.Rows, pooled.Size);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < pooled.Height; y++)
            {
                for (int xx = 0; xx < pooled.Width; xx++)
                {
                    for (int c = 0; c < shape.Channels; c++)
                    {
                        double best = double.NegativeInfinity;
                        foreach ((int dy, int dx) in (ReadOnlySpan<(int, int)>)[(0, 0), (0, 1), (1, 0), (1, 1)])
                        {
                            best = Math.Max(best, Math.Max(0, features.Data[(s * shape.Size) + (((((2 * y) + dy) * shape.Width) + (2 * xx) + dx) * shape.Channels) + c]));
                        }

                        p.Data[(s * pooled.Size) + (((y * pooled.Width) + xx) * pooled.Channels) + c] = best;
                    }
                }
            }
        }

        return Logits(network.Dense, p);
    }

    /// <summary>(1/n) Σᵢ (log Σⱼ e^z[i, j] − z[i, labels[i]]), each row's maximum taken out first.</summary>
    public static double CrossEntropy(Matrix logits, int[] labels)
    {
        double total = 0;
        for (int i = 0; i < logits.Rows; i++)
        {
            double[] row = logits.Data[(i * logits.Cols)..((i + 1) * logits.Cols)];
            double max = row.Max();
            total += max + Math.Log(row.Sum(v => Math.Exp(v - max))) - row[labels[i]];
        }

        return total / logits.Rows;
    }

    /// <summary>
    /// One step of gradient descent on <paramref name="parameters"/>: the numerical gradient of
    /// <paramref name="loss"/> for every parameter first, then θ ← θ − η·∂loss/∂θ for all of them.
    /// Returns the loss before the step.
    /// </summary>
    public static double Step(Func<double> loss, IReadOnlyList<(string Name, double[] Values)> parameters, double learningRate)
    {
        double before = loss();
        double[][] gradients = [.. parameters.Select(p => new double[p.Values.Length])];
        for (int g = 0; g < parameters.Count; g++)
        {
            double[] values = parameters[g].Values;
            for (int i = 0; i < values.Length; i++)
            {
                double kept = values[i];
                values[i] = kept + H;
                double up = loss();
                values[i] = kept - H;
                double down = loss();
                values[i] = kept;
                gradients[g][i] = (up - down) / (2 * H);
            }
        }

        for (int g = 0; g < parameters.Count; g++)
        {
            for (int i = 0; i < gradients[g].Length; i++)
            {
                parameters[g].Values[i] -= learningRate * gradients[g][i];
            }
        }

        return before;
    }

    /// <summary>
    /// Checkpoint 4's Train by definition: <paramref name="epochs"/> times the batches in order (the last
    /// one smaller when the size does not divide the samples), one <see cref="Step"/> each; every batch's
    /// loss and (epoch, batch, batches, samples), in order.
    /// </summary>
    public static (List<double> Losses, List<(int Epoch, int Batch, int Batches, int Samples)> Batches) Train(
        Func<Matrix, int[], double> loss, IReadOnlyList<(string Name, double[] Values)> parameters, Matrix x, int[] labels, double learningRate, int epochs, int batchSize)
    {
        int batches = (x.Rows + batchSize - 1) / batchSize;
        var losses = new List<double>();
        var seen = new List<(int, int, int, int)>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize, size = Math.Min(batchSize, x.Rows - start);
                var batch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                int[] batchLabels = labels[start..(start + size)];
                losses.Add(Step(() => loss(batch, batchLabels), parameters, learningRate));
                seen.Add((epoch, b + 1, batches, size));
            }
        }

        return (losses, seen);
    }

    /// <summary>
    /// Asserts that every parameter of <paramref name="actual"/> is the one of <paramref name="expected"/>
    /// within <see cref="Relative"/> of the largest of them, naming the first that is not.
    /// </summary>
    public static void ShouldMatch(IReadOnlyList<(string Name, double[] Values)> actual, IReadOnlyList<(string Name, double[] Values)> expected, string after)
    {
        for (int g = 0; g < expected.Count; g++)
        {
            double[] want = expected[g].Values, got = actual[g].Values;
            double tolerance = Relative * Math.Max(1, want.Max(Math.Abs));
            for (int i = 0; i < want.Length; i++)
            {
                if (!(Math.Abs(want[i] - got[i]) <= tolerance))
                {
                    Assert.Fail(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{expected[g].Name} {after}: entry {i} should be {want[i]:G7} (within {tolerance:G2}: a step of gradient descent "
                        + $"against the numerical gradient for every batch, in order), but it is {got[i]:G7}."));
                }
            }
        }
    }

    private static double Activate(ActivationFunction activation, double z) => activation.BuiltIn switch
    {
        Activation.ReLU => Math.Max(0, z),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        _ => activation.Function!(z),
    };
}
