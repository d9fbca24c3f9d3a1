using System.Numerics;

namespace NeuralNet;

/// <summary>
/// Checkpoint 10's convolution, ReLU and 2x2 max-pooling, made fast: im2col into a float patch matrix
/// reused by every batch, the convolution as one product with the bias and ReLU fused into the pass that
/// writes it, the pooling a vector of channels at a time (channels last: a pixel's filters lie side by
/// side), and for the kernels' gradient one more product, deltaᵀ·patches, read where both lie.
/// </summary>
internal sealed class FastConv
{
    private readonly ImageShape input;
    private readonly ImageShape output;
    private readonly int k;
    private readonly int patch;           // k·k·C numbers per patch: the kernels' rows
    private readonly float[] kernels;     // patch x F, as ConvLayer.Kernels
    private readonly float[] biases;      // F
    private readonly float[] image;       // one input image, as float
    private readonly float[] patches;     // (images·H'·W') x patch: one row per output pixel
    private readonly float[] features;    // (images·H'·W') x F: the rectified convolution, channels last
    private readonly float[] pooled;      // images x Pooled.Size: the dense layers' input
    private readonly byte[] from;         // which of its window's four pixels each pooled value is (0 top left … 3 bottom right)
    private readonly float[] deltaZ;      // ∂loss/∂z, laid out as features; zero except where a batch's gradient is
    private readonly float[] kernelsGradientT; // F x patch: ∂loss/∂Kernels, transposed

    /// <summary>Float copies of <paramref name="layer"/>'s parameters and buffers for up to <paramref name="batch"/> images.</summary>
    public FastConv(ConvLayer layer, int batch)
    {
        input = layer.Input;
        output = layer.Output;
        Pooled = output.Pooled();
        k = layer.KernelSize;
        patch = k * k * input.Channels;
        kernels = FastDense.Floats(layer.Kernels.Data);
        biases = FastDense.Floats(layer.Biases);
        int pixels = batch * output.Height * output.Width;
        image = new float[input.Size];
        patches = new float[(pixels * patch) + FastDense.Slack];
        features = new float[(pixels * output.Channels) + FastDense.Slack];
        pooled = new float[(batch * Pooled.Size) + FastDense.Slack];
        from = new byte[batch * Pooled.Size];
        deltaZ = new float[(pixels * output.Channels) + FastDense.Slack];
        kernelsGradientT = new float[(output.Channels * patch) + FastDense.Slack];
    }

    /// <summary>The shape of a pooled image: the dense layers take Pooled.Size numbers.</summary>
    public ImageShape Pooled { get; }

    /// <summary>
    /// Convolution, ReLU and max-pooling of rows [first, first + rows) of <paramref name="x"/>; returns the
    /// pooled images, rows x Pooled.Size (channels last, as the dense layers take them).
    /// </summary>
    public float[] Forward(Matrix x, int first, int rows)
    {
        int filters = output.Channels, run = k * input.Channels;
        for (int s = 0; s < rows; s++)
        {
            // im2col: row (s·H' + y)·W' + x is the k x k x C patch whose top-left pixel is (y, x); each of
            // its k rows is k·C numbers that already lie side by side in the image.
            FastDense.Narrow(x.Row(first + s), image);
            int row = s * output.Height * output.Width;
            for (int y = 0; y < output.Height; y++)
            {
                for (int xx = 0; xx < output.Width; xx++, row++)
                {
                    Span<float> to = patches.AsSpan(row * patch, patch);
                    for (int dy = 0; dy < k; dy++)
                    {
                        image.AsSpan(input.Index(y + dy, xx, 0), run).CopyTo(to.Slice(dy * run, run));
                    }
                }
            }
        }

        // The convolution of every patch at once: features = ReLU(patches · Kernels + b).
        Gemm.Multiply(
            rows * output.Height * output.Width, patch, filters, GemmOperand.Of(patches, patch), GemmOperand.Of(kernels, filters),
            new GemmOutput { Floats = features, Ld = filters, Bias = biases, Finish = GemmFinish.ReLU },
            parallel: true);
        for (int s = 0; s < rows; s++)
        {
            Pool(s);
        }

        return pooled;
    }

    /// <summary>
    /// The backward pass from ∂loss/∂pooled, given transposed (Pooled.Size x rows, as the dense layers give
    /// it), and a gradient-descent step on the kernels and biases. ∂loss/∂x is not computed: nothing is
    /// below the convolution.
    /// </summary>
    public void Backward(int rows, float[] pooledGradientT, float learningRate)
    {
        int filters = output.Channels, size = Pooled.Size;
        Span<float> biasGradient = stackalloc float[filters];
        biasGradient.Clear();

        // Each pooled value's gradient goes to the pixel it came from, and through ReLU only where that
        // pixel was positive: the pooled value itself.
        for (int s = 0; s < rows; s++)
        {
            for (int u = 0; u < size; u++)
            {
                if (pooled[(s * size) + u] > 0)
                {
                    float g = pooledGradientT[(u * rows) + s];
                    deltaZ[Source(s, u)] = g;
                    biasGradient[u % filters] += g;
                }
            }
        }

        // ∂loss/∂Kernelsᵀ = deltaᵀ · patches: F x patch, from the two where they lie.
        int pixels = rows * output.Height * output.Width;
        Gemm.Multiply(
            filters, pixels, patch, GemmOperand.TransposeOf(deltaZ, filters), GemmOperand.Of(patches, patch),
            GemmOutput.Into(kernelsGradientT, patch),
            parallel: true);
        for (int q = 0; q < patch; q++)
        {
            for (int f = 0; f < filters; f++)
            {
                kernels[(q * filters) + f] -= learningRate * kernelsGradientT[(f * patch) + q];
            }
        }

        FastDense.StepBiases(biases, filters, biasGradient, 1, learningRate);

        // deltaZ is zero again for the next batch: only the entries written above were not.
        for (int s = 0; s < rows; s++)
        {
            for (int u = 0; u < size; u++)
            {
                deltaZ[Source(s, u)] = 0;
            }
        }
    }

    /// <summary>Copies the trained kernels and biases back into <paramref name="layer"/>.</summary>
    public void WriteBack(ConvLayer layer)
    {
        FastDense.Widen(kernels, layer.Kernels.Data);
        FastDense.Widen(biases, layer.Biases);
    }

    // Image s's features, 2x2 windows at a time: the largest of each window, and which pixel it was (the
    // first in reading order of equal ones, as only a larger value replaces the best so far).
    private void Pool(int s)
    {
        int filters = output.Channels, width = output.Width * filters, lanes = Vector<float>.Count;
        ReadOnlySpan<float> image = features.AsSpan(s * output.Size, output.Size);
        Span<int> corners = stackalloc int[4];
        for (int y = 0; y < Pooled.Height; y++)
        {
            for (int x = 0; x < Pooled.Width; x++)
            {
                int topLeft = (((2 * y * output.Width) + (2 * x)) * filters), at = (s * Pooled.Size) + Pooled.Index(y, x, 0);
                (corners[0], corners[1], corners[2], corners[3]) = (topLeft, topLeft + filters, topLeft + width, topLeft + width + filters);
                int f = 0;
                for (; f <= filters - lanes; f += lanes)
                {
                    Vector<float> best = new(image[(corners[0] + f)..]);
                    Vector<int> which = Vector<int>.Zero;
                    for (int corner = 1; corner < 4; corner++)
                    {
                        Vector<float> v = new(image[(corners[corner] + f)..]);
                        Vector<int> larger = Vector.GreaterThan(v, best);
                        best = Vector.Max(v, best);
                        which = Vector.ConditionalSelect(larger, new Vector<int>(corner), which);
                    }

                    best.CopyTo(pooled.AsSpan(at + f));
                    for (int lane = 0; lane < lanes; lane++)
                    {
                        from[at + f + lane] = (byte)which[lane];
                    }
                }

                for (; f < filters; f++)
                {
                    int which = 0;
                    for (int corner = 1; corner < 4; corner++)
                    {
                        if (image[corners[corner] + f] > image[corners[which] + f])
                        {
                            which = corner;
                        }
                    }

                    pooled[at + f] = image[corners[which] + f];
                    from[at + f] = (byte)which;
                }
            }
        }
    }

    // Where in the features the pooled value u of image s came from.
    private int Source(int s, int u)
    {
        int filters = output.Channels, f = u % filters, pixel = u / filters, which = from[(s * Pooled.Size) + u];
        int y = (2 * (pixel / Pooled.Width)) + (which >> 1), x = (2 * (pixel % Pooled.Width)) + (which & 1);
        return (s * output.Size) + (((y * output.Width) + x) * filters) + f;
    }
}
