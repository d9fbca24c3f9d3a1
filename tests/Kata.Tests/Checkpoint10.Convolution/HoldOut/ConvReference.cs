namespace Kata.Tests.Checkpoint10.HoldOut;

using Kata.TestSupport;
using Shouldly;

/// <summary>
/// The convolutional network of checkpoint 10 written out with plain loops from its definitions, on copies
/// of a network's numbers, without any learner code: the convolution, 2x2 max-pooling (a tie goes to the
/// first maximum in reading order), the dense layers, the mean cross-entropy, every gradient by the chain
/// rule, and a step of gradient descent. The hold-outs compare the learner's methods with it.
/// </summary>
internal sealed class ConvReference
{
    /// <summary>A reference holding copies of <paramref name="network"/>'s numbers; its dense layers use <paramref name="hidden"/>.</summary>
    public ConvReference(ConvNetwork network, Activation hidden)
    {
        Input = network.Conv.Input;
        KernelSize = network.Conv.KernelSize;
        Kernels = network.Conv.Kernels.Clone();
        ConvBiases = [.. network.Conv.Biases];
        Weights = [.. network.Dense.Weights.Select(w => w.Clone())];
        Biases = [.. network.Dense.Biases.Select(b => (double[])b.Clone())];
        Hidden = hidden;
    }

    public ImageShape Input { get; }

    public int KernelSize { get; }

    public Matrix Kernels { get; }

    public double[] ConvBiases { get; }

    public Matrix[] Weights { get; }

    public double[][] Biases { get; }

    public Activation Hidden { get; }

    /// <summary>
    /// out[s, (y, x, f)] = b[f] + Σ_{dy, dx, c} K[(dy·k + dx)·C + c, f] · x[s, (y + dy, x + dx, c)].
    /// </summary>
    public static Matrix Convolve(Matrix x, ImageShape input, int k, Matrix kernels, double[] biases)
    {
        int oh = input.Height - k + 1, ow = input.Width - k + 1, filters = kernels.Cols, channels = input.Channels;
        var result = new Matrix(x.Rows, oh * ow * filters);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < oh; y++)
            {
                for (int xx = 0; xx < ow; xx++)
                {
                    for (int f = 0; f < filters; f++)
                    {
                        double sum = biases[f];
                        for (int dy = 0; dy < k; dy++)
                        {
                            for (int dx = 0; dx < k; dx++)
                            {
                                for (int c = 0; c < channels; c++)
                                {
                                    sum += kernels[(((dy * k) + dx) * channels) + c, f] * x[s, Pixel(input.Width, channels, y + dy, xx + dx, c)];
                                }
                            }
                        }

                        result[s, Pixel(ow, filters, y, xx, f)] = sum;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The convolution's gradients for ∂loss/∂out = <paramref name="delta"/>: every kernel weight collects
    /// delta times the pixel it touched, every bias the sum of its filter's delta, every pixel the kernel
    /// weights that touched it times delta.
    /// </summary>
    public static (Matrix Kernels, double[] Biases, Matrix Input) ConvBackward(Matrix x, ImageShape input, int k, Matrix kernels, Matrix delta)
    {
        int oh = input.Height - k + 1, ow = input.Width - k + 1, filters = kernels.Cols, channels = input.Channels;
        var dKernels = new Matrix(kernels.Rows, filters);
        var dBiases = new double[filters];
        var dInput = new Matrix(x.Rows, x.Cols);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < oh; y++)
            {
                for (int xx = 0; xx < ow; xx++)
                {
                    for (int f = 0; f < filters; f++)
                    {
                        double d = delta[s, Pixel(ow, filters, y, xx, f)];
                        dBiases[f] += d;
                        for (int dy = 0; dy < k; dy++)
                        {
                            for (int dx = 0; dx < k; dx++)
                            {
                                for (int c = 0; c < channels; c++)
                                {
                                    int row = (((dy * k) + dx) * channels) + c, pixel = Pixel(input.Width, channels, y + dy, xx + dx, c);
                                    dKernels[row, f] += d * x[s, pixel];
                                    dInput[s, pixel] += d * kernels[row, f];
                                }
                            }
                        }
                    }
                }
            }
        }

        return (dKernels, dBiases, dInput);
    }

    /// <summary>out[s, (y, x, c)] = the largest of x[s, (2y + dy, 2x + dx, c)], dy, dx ∈ {0, 1}.</summary>
    public static Matrix MaxPool(Matrix x, ImageShape shape) => Pool(x, shape, out _);

    /// <summary>Each window's delta to its maximum (the first in reading order when several are equal), 0 elsewhere.</summary>
    public static Matrix MaxPoolBackward(Matrix x, ImageShape shape, Matrix delta)
    {
        Pool(x, shape, out int[] from);
        var result = new Matrix(x.Rows, x.Cols);
        for (int i = 0; i < from.Length; i++)
        {
            int s = i / delta.Cols;
            result[s, from[i]] += delta.Data[i];
        }

        return result;
    }

    /// <summary>The logits: the dense layers on the pooled, rectified convolution.</summary>
    public Matrix Forward(Matrix x) => Pass(x).Logits;

    /// <summary>Argmax of every row of the reference logits (the first of equal ones).</summary>
    public int[] Predict(Matrix x)
    {
        Matrix logits = Forward(x);
        var predicted = new int[logits.Rows];
        for (int i = 0; i < logits.Rows; i++)
        {
            for (int j = 1; j < logits.Cols; j++)
            {
                if (logits[i, j] > logits[i, predicted[i]])
                {
                    predicted[i] = j;
                }
            }
        }

        return predicted;
    }

    /// <summary>The mean cross-entropy of the batch and its gradient for every parameter, by the chain rule.</summary>
    public Gradient Backward(Matrix x, int[] labels)
    {
        Forwarded pass = Pass(x);
        int layers = Weights.Length, n = x.Rows;
        Matrix logits = pass.Logits;

        // Loss and ∂loss/∂logits = (softmax − one-hot) / n, row by row, the largest logit taken out first.
        double loss = 0;
        var delta = new Matrix(n, logits.Cols);
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < logits.Cols; j++)
            {
                max = Math.Max(max, logits[i, j]);
            }

            double sum = 0;
            for (int j = 0; j < logits.Cols; j++)
            {
                sum += Math.Exp(logits[i, j] - max);
            }

            loss += max + Math.Log(sum) - logits[i, labels[i]];
            for (int j = 0; j < logits.Cols; j++)
            {
                delta[i, j] = (Math.Exp(logits[i, j] - max) / sum) - (j == labels[i] ? 1 : 0);
                delta[i, j] /= n;
            }
        }

        loss /= n;

        var dWeights = new Matrix[layers];
        var dBiases = new double[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            Matrix a = pass.Activations[l], w = Weights[l];
            dWeights[l] = new Matrix(w.Rows, w.Cols);
            dBiases[l] = new double[w.Cols];
            var below = new Matrix(n, w.Rows);
            for (int s = 0; s < n; s++)
            {
                for (int j = 0; j < w.Cols; j++)
                {
                    dBiases[l][j] += delta[s, j];
                    for (int i = 0; i < w.Rows; i++)
                    {
                        dWeights[l][i, j] += a[s, i] * delta[s, j];
                        below[s, i] += delta[s, j] * w[i, j];
                    }
                }
            }

            if (l > 0)
            {
                Matrix z = pass.Sums[l - 1];
                for (int i = 0; i < below.Data.Length; i++)
                {
                    below.Data[i] *= Derivative(z.Data[i], Hidden);
                }
            }

            delta = below;
        }

        // delta is ∂loss/∂pooled: to the window maxima, through the ReLU, into the convolution.
        Matrix dFeatures = MaxPoolBackward(pass.Features, pass.FeatureShape, delta);
        for (int i = 0; i < dFeatures.Data.Length; i++)
        {
            dFeatures.Data[i] *= pass.Convolved.Data[i] > 0 ? 1 : 0;
        }

        (Matrix dKernels, double[] dConvBiases, _) = ConvBackward(x, Input, KernelSize, Kernels, dFeatures);
        return new Gradient(loss, dKernels, dConvBiases, dWeights, dBiases);
    }

    /// <summary>One step of gradient descent on the reference's own numbers; returns the loss before it.</summary>
    public double Step(Matrix x, int[] labels, double learningRate)
    {
        Gradient g = Backward(x, labels);
        Move(Kernels.Data, g.Kernels.Data, learningRate);
        Move(ConvBiases, g.ConvBiases, learningRate);
        for (int l = 0; l < Weights.Length; l++)
        {
            Move(Weights[l].Data, g.Weights[l].Data, learningRate);
            Move(Biases[l], g.Biases[l], learningRate);
        }

        return g.Loss;
    }

    /// <summary>Asserts that <paramref name="network"/>'s numbers are the reference's, within a tolerance relative to their size.</summary>
    public void ShouldMatchTheParametersOf(ConvNetwork network, double relativeTolerance, string after)
    {
        network.Conv.Kernels.ShouldMatch(Kernels, Tolerance(relativeTolerance, Kernels.Data), $"the kernels {after}");
        network.Conv.Biases.ShouldBe(ConvBiases, Tolerance(relativeTolerance, ConvBiases), $"the convolution's biases {after}");
        for (int l = 0; l < Weights.Length; l++)
        {
            network.Dense.Weights[l].ShouldMatch(Weights[l], Tolerance(relativeTolerance, Weights[l].Data), $"the weights of dense layer {l} {after}");
            network.Dense.Biases[l].ShouldBe(Biases[l], Tolerance(relativeTolerance, Biases[l]), $"the biases of dense layer {l} {after}");
        }
    }

    /// <summary><paramref name="relative"/> times the largest magnitude among <paramref name="values"/>, at least <paramref name="relative"/>.</summary>
    public static double Tolerance(double relative, IEnumerable<double> values) => relative * Math.Max(1, values.Select(Math.Abs).DefaultIfEmpty(0).Max());

    private static int Pixel(int width, int channels, int y, int x, int c) => (((y * width) + x) * channels) + c;

    private static Matrix Pool(Matrix x, ImageShape shape, out int[] from)
    {
        int ph = shape.Height / 2, pw = shape.Width / 2, channels = shape.Channels;
        var result = new Matrix(x.Rows, ph * pw * channels);
        from = new int[x.Rows * result.Cols];
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < ph; y++)
            {
                for (int xx = 0; xx < pw; xx++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        // Reading order: top left, top right, bottom left, bottom right; only a larger value takes over.
                        int best = Pixel(shape.Width, channels, 2 * y, 2 * xx, c);
                        foreach ((int dy, int dx) in new[] { (0, 1), (1, 0), (1, 1) })
                        {
                            int at = Pixel(shape.Width, channels, (2 * y) + dy, (2 * xx) + dx, c);
                            if (x[s, at] > x[s, best])
                            {
                                best = at;
                            }
                        }

                        int o = Pixel(pw, channels, y, xx, c);
                        result[s, o] = x[s, best];
                        from[(s * result.Cols) + o] = best;
                    }
                }
            }
        }

        return result;
    }

    private static double Activate(double z, Activation activation) =>
        activation == Activation.ReLU ? Math.Max(0, z) : 1 / (1 + Math.Exp(-z));

    private static double Derivative(double z, Activation activation)
    {
        if (activation == Activation.ReLU)
        {
            return z > 0 ? 1 : 0;
        }

        double sigma = 1 / (1 + Math.Exp(-z));
        return sigma * (1 - sigma);
    }

    private static void Move(double[] parameters, double[] gradient, double learningRate)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradient[i];
        }
    }

    private Forwarded Pass(Matrix x)
    {
        Matrix convolved = Convolve(x, Input, KernelSize, Kernels, ConvBiases);
        var features = new Matrix(convolved.Rows, convolved.Cols);
        for (int i = 0; i < features.Data.Length; i++)
        {
            features.Data[i] = Math.Max(0, convolved.Data[i]);
        }

        var featureShape = new ImageShape(Input.Height - KernelSize + 1, Input.Width - KernelSize + 1, Kernels.Cols);
        Matrix a = MaxPool(features, featureShape);
        int layers = Weights.Length;
        var activations = new Matrix[layers];
        var sums = new Matrix[layers];
        for (int l = 0; l < layers; l++)
        {
            activations[l] = a;
            Matrix w = Weights[l];
            var z = new Matrix(a.Rows, w.Cols);
            for (int s = 0; s < a.Rows; s++)
            {
                for (int j = 0; j < w.Cols; j++)
                {
                    double sum = Biases[l][j];
                    for (int i = 0; i < w.Rows; i++)
                    {
                        sum += a[s, i] * w[i, j];
                    }

                    z[s, j] = sum;
                }
            }

            sums[l] = z;
            if (l < layers - 1)
            {
                a = new Matrix(z.Rows, z.Cols);
                for (int i = 0; i < z.Data.Length; i++)
                {
                    a.Data[i] = Activate(z.Data[i], Hidden);
                }
            }
            else
            {
                a = z;
            }
        }

        return new Forwarded(convolved, features, featureShape, activations, sums, a);
    }

    /// <summary>The loss of a batch and the gradient of every parameter, shaped like the parameters.</summary>
    public sealed record Gradient(double Loss, Matrix Kernels, double[] ConvBiases, Matrix[] Weights, double[][] Biases);

    private sealed record Forwarded(Matrix Convolved, Matrix Features, ImageShape FeatureShape, Matrix[] Activations, Matrix[] Sums, Matrix Logits);
}
