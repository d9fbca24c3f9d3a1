using System.Numerics;

namespace NeuralNet;

/// <summary>
/// A dense network's training step, made fast: checkpoint 4's forward pass, loss and backpropagation on a
/// float copy of the network's weights, in buffers made once for the largest batch and reused by every
/// batch. No transpose is ever made (<see cref="Gemm"/> reads aᵀ and Wᵀ where a and W lie), the bias and
/// the activation are added in the pass that writes each product, the activation's derivative is
/// multiplied in by the pass that writes delta·Wᵀ, and the gradient-descent step W ← W − η·aᵀ·delta is
/// the pass that writes aᵀ·delta: ∂loss/∂W is never a matrix of its own.
/// </summary>
internal sealed class FastDense
{
    // Every buffer gets this many floats more than it needs, so that the micro-kernel may read a whole
    // tile past its last row or column where it lies (what it reads there is never used).
    internal const int Slack = 64;

    private readonly int[] sizes;
    private readonly float[][] weights;
    private readonly float[][] biases;
    private readonly float[][] activations; // activations[l]: the output of hidden layer l − 1, the input of layer l (l ≥ 1)
    private readonly float[]?[] sums;       // the weighted sums of hidden layers with an activation given by delegates
    private readonly float[] logits;
    private readonly float[] delta;
    private readonly float[] deltaBelow;
    private readonly ActivationFunction hidden;

    /// <summary>Float copies of <paramref name="network"/>'s parameters and buffers for batches of up to <paramref name="batch"/> rows.</summary>
    public FastDense(Network network, int batch)
    {
        sizes = [.. network.LayerSizes];
        hidden = network.HiddenActivation;
        int layers = network.LayerCount, widest = sizes.Max();
        weights = [.. network.Weights.Select(w => Floats(w.Data))];
        biases = [.. network.Biases.Select(b => Floats(b))];
        activations = [.. Enumerable.Range(0, layers).Select(l => l == 0 ? [] : new float[(batch * sizes[l]) + Slack])];
        sums = [.. Enumerable.Range(0, layers).Select(l => l > 0 && hidden.BuiltIn is null ? new float[(batch * sizes[l]) + Slack] : null)];
        logits = new float[(batch * sizes[^1]) + Slack];
        delta = new float[(batch * widest) + Slack];
        deltaBelow = new float[(batch * widest) + Slack];
    }

    /// <summary>Inputs per sample.</summary>
    public int Inputs => sizes[0];

    /// <summary>Outputs (classes) per sample.</summary>
    public int Classes => sizes[^1];

    /// <summary>
    /// The forward pass of <paramref name="rows"/> samples (row-major in <paramref name="input"/>, Inputs
    /// wide): every layer's activations, and the logits, which it returns (rows x Classes).
    /// </summary>
    public float[] Forward(float[] input, int rows)
    {
        for (int l = 0; l < weights.Length; l++)
        {
            bool output = l == weights.Length - 1;
            float[] into = output ? logits : activations[l + 1];
            float[]? z = output ? null : sums[l + 1];
            GemmFinish finish = output ? GemmFinish.None : hidden.BuiltIn switch
            {
                Activation.ReLU => GemmFinish.ReLU,
                Activation.Sigmoid => GemmFinish.Sigmoid,
                _ => GemmFinish.None,
            };

            // z = a·W + b, and a' = f(z), in the pass that writes the product.
            Gemm.Multiply(
                rows, sizes[l], sizes[l + 1], GemmOperand.Of(Input(l, input), sizes[l]), GemmOperand.Of(weights[l], sizes[l + 1]),
                new GemmOutput { Floats = z ?? into, Ld = sizes[l + 1], Bias = biases[l], Finish = finish },
                parallel: true);
            if (z is not null)
            {
                // An activation given by its function (checkpoint 6's tanh, …): one more pass, through the delegate.
                Map(z, into, rows * sizes[l + 1], hidden.Function!);
            }
        }

        return logits;
    }

    /// <summary>
    /// The mean cross-entropy of the logits of the last <see cref="Forward"/> against
    /// <paramref name="labels"/>[first …], and delta = ∂loss/∂logits = (softmax − one-hot) / rows.
    /// </summary>
    public double Loss(ReadOnlySpan<int> labels, int rows)
    {
        int classes = Classes;
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> z = logits.AsSpan(i * classes, classes);
            Span<float> d = delta.AsSpan(i * classes, classes);

            // log Σ e^z = max + log Σ e^(z − max): nothing overflows, and −log p_y never meets log 0.
            float max = float.NegativeInfinity;
            foreach (float v in z)
            {
                max = Math.Max(max, v);
            }

            float sum = 0;
            for (int j = 0; j < classes; j++)
            {
                d[j] = MathF.Exp(z[j] - max);
                sum += d[j];
            }

            total += max + Math.Log(sum) - z[labels[i]];
            for (int j = 0; j < classes; j++)
            {
                d[j] = (d[j] / sum) - (j == labels[i] ? 1 : 0);
                d[j] /= rows;
            }
        }

        return total / rows;
    }

    /// <summary>
    /// Backpropagation from the delta of <see cref="Loss"/> and a gradient-descent step on every weight and
    /// bias, layer by layer from the output: first delta·Wᵀ for the layer below (with the old W), then
    /// W ← W − η·aᵀ·delta and b ← b − η·Σ delta. With <paramref name="inputGradientTransposed"/>, also
    /// ∂loss/∂input, transposed (Inputs x rows): W·deltaᵀ, which reads the large W where it lies and
    /// gathers only the small delta (a convolution below needs it).
    /// </summary>
    public void Backward(float[] input, int rows, float learningRate, float[]? inputGradientTransposed = null)
    {
        float[] d = delta, below = deltaBelow;
        for (int l = weights.Length - 1; l >= 0; l--)
        {
            int fanIn = sizes[l], fanOut = sizes[l + 1];
            if (l > 0)
            {
                // ∂loss/∂z[l − 1] = (delta·Wᵀ) ⊙ f′(z[l − 1]), f′ read from the activations of layer l.
                GemmFinish slope = hidden.BuiltIn switch
                {
                    Activation.ReLU => GemmFinish.TimesReLUSlope,
                    Activation.Sigmoid => GemmFinish.TimesSigmoidSlope,
                    _ => GemmFinish.None,
                };
                Gemm.Multiply(
                    rows, fanOut, fanIn, GemmOperand.Of(d, fanOut), GemmOperand.TransposeOf(weights[l], fanOut),
                    new GemmOutput { Floats = below, Ld = fanIn, Finish = slope, Activations = activations[l] },
                    parallel: true);
                if (sums[l] is { } z)
                {
                    MultiplyByDerivative(below, z, rows * fanIn, hidden.Derivative!);
                }
            }
            else if (inputGradientTransposed is not null)
            {
                Gemm.Multiply(
                    fanIn, fanOut, rows, GemmOperand.Of(weights[0], fanOut), GemmOperand.TransposeOf(d, fanOut),
                    GemmOutput.Into(inputGradientTransposed, rows),
                    parallel: true);
            }

            // W ← W − η·aᵀ·delta, written by the product itself; b ← b − η·(column sums of delta).
            Gemm.Multiply(
                fanIn, rows, fanOut, GemmOperand.TransposeOf(Input(l, input), fanIn), GemmOperand.Of(d, fanOut),
                new GemmOutput { Floats = weights[l], Ld = fanOut, Alpha = -learningRate, Accumulate = true },
                parallel: true);
            StepBiases(biases[l], fanOut, d, rows, learningRate);
            (d, below) = (below, d);
        }
    }

    /// <summary>The class of each of the <paramref name="rows"/> samples whose logits <see cref="Forward"/> computed last: the first of equal largest.</summary>
    public void Predict(int rows, Span<int> into)
    {
        int classes = Classes;
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> z = logits.AsSpan(i * classes, classes);
            int best = 0;
            for (int j = 1; j < classes; j++)
            {
                if (z[j] > z[best])
                {
                    best = j;
                }
            }

            into[i] = best;
        }
    }

    /// <summary>Copies the trained parameters back into <paramref name="network"/>'s weights and biases.</summary>
    public void WriteBack(Network network)
    {
        for (int l = 0; l < weights.Length; l++)
        {
            Widen(weights[l], network.Weights[l].Data);
            Widen(biases[l], network.Biases[l]);
        }
    }

    /// <summary>A float copy of <paramref name="values"/>, with <see cref="Slack"/> zeros after them.</summary>
    public static float[] Floats(double[] values)
    {
        var floats = new float[values.Length + Slack];
        Narrow(values, floats);
        return floats;
    }

    /// <summary>to[i] = (float)from[i] for every i of from, a vector at a time.</summary>
    public static void Narrow(ReadOnlySpan<double> from, Span<float> to)
    {
        int lanes = Vector<double>.Count, i = 0;
        for (; i <= from.Length - (2 * lanes); i += 2 * lanes)
        {
            Vector.Narrow(new Vector<double>(from[i..]), new Vector<double>(from[(i + lanes)..])).CopyTo(to[i..]);
        }

        for (; i < from.Length; i++)
        {
            to[i] = (float)from[i];
        }
    }

    /// <summary>to[i] = from[i] for every i of to.</summary>
    public static void Widen(ReadOnlySpan<float> from, Span<double> to)
    {
        for (int i = 0; i < to.Length; i++)
        {
            to[i] = from[i];
        }
    }

    /// <summary>b[j] ← b[j] − η·Σᵢ delta[i, j], over the rows of delta (<paramref name="width"/> wide).</summary>
    public static void StepBiases(Span<float> b, int width, ReadOnlySpan<float> delta, int rows, float learningRate)
    {
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = delta.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                b[j] -= learningRate * row[j];
            }
        }
    }

    private float[] Input(int layer, float[] input) => layer == 0 ? input : activations[layer];

    private static void Map(float[] z, float[] into, int count, Func<double, double> f)
    {
        for (int i = 0; i < count; i++)
        {
            into[i] = (float)f(z[i]);
        }
    }

    private static void MultiplyByDerivative(float[] values, float[] z, int count, Func<double, double> derivative)
    {
        for (int i = 0; i < count; i++)
        {
            values[i] *= (float)derivative(z[i]);
        }
    }
}
