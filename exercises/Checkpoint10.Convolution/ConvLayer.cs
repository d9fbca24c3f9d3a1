// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of the layer is in ConvLayer.Passes.cs.
namespace NeuralNet;

/// <summary>
/// A 2-D convolution layer: <see cref="Filters"/> filters of <see cref="KernelSize"/> x KernelSize pixels
/// slide over every position of the input image (stride 1, no padding: "valid"), and at each position
/// each filter gives one number, Σ kernel · patch + bias. An <see cref="Input"/> image of H x W x C
/// becomes an <see cref="Output"/> image of (H − k + 1) x (W − k + 1) x Filters.
/// </summary>
/// <remarks>
/// The kernels are one matrix, like a dense layer's weights: <see cref="Kernels"/> is (k·k·C) x Filters,
/// column f holds filter f, and its row (dy·k + dx)·C + c is the weight for channel c at offset (dy, dx)
/// in the patch — the patch read row by row, channels last, exactly as the image lies in memory.
/// </remarks>
public sealed partial class ConvLayer
{
    /// <summary>
    /// A layer with random kernels (He initialisation, <see cref="Initialization.RandomWeights"/> with
    /// fan-in k·k·C) and zero biases. The same <paramref name="seed"/> always gives the same kernels.
    /// </summary>
    public ConvLayer(ImageShape input, int filters, int kernelSize, int seed)
        : this(input, kernelSize, RandomKernels(input, filters, kernelSize, seed), new double[filters])
    {
    }

    /// <summary>A layer with the kernels and biases you give it (used, not copied): handy for tests and examples.</summary>
    public ConvLayer(ImageShape input, int kernelSize, Matrix kernels, double[] biases)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(biases);
        if (kernelSize < 1 || kernelSize > input.Height || kernelSize > input.Width)
        {
            throw new ArgumentException($"ConvLayer: a {kernelSize}x{kernelSize} kernel does not fit in a {input} image.", nameof(kernelSize));
        }

        int patch = kernelSize * kernelSize * input.Channels;
        if (kernels.Rows != patch || biases.Length != kernels.Cols)
        {
            throw new ArgumentException(
                $"ConvLayer: {kernelSize}x{kernelSize} kernels over a {input} image need a {patch}xF kernel matrix and F biases, "
                + $"but got kernels {kernels.Shape} and {biases.Length} biases.",
                nameof(kernels));
        }

        Input = input;
        KernelSize = kernelSize;
        Kernels = kernels;
        Biases = biases;
        Output = new ImageShape(input.Height - kernelSize + 1, input.Width - kernelSize + 1, kernels.Cols);
    }

    /// <summary>The shape of one input image: H x W x C.</summary>
    public ImageShape Input { get; }

    /// <summary>The shape of one output image: (H − k + 1) x (W − k + 1) x Filters.</summary>
    public ImageShape Output { get; }

    /// <summary>k: every filter is k x k pixels (times the input's channels).</summary>
    public int KernelSize { get; }

    /// <summary>The number of filters: the output's channels.</summary>
    public int Filters => Kernels.Cols;

    /// <summary>(k·k·C) x Filters: column f is filter f, row (dy·k + dx)·C + c its weight for channel c at (dy, dx).</summary>
    public Matrix Kernels { get; }

    /// <summary>One bias per filter, added at every position.</summary>
    public double[] Biases { get; }

    /// <summary>"28x28x1 → 24x24x8 (8 filters of 5x5)".</summary>
    public override string ToString() => $"{Input} → {Output} ({Filters} filters of {KernelSize}x{KernelSize})";

    private static Matrix RandomKernels(ImageShape input, int filters, int kernelSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Initialization.RandomWeights(kernelSize * kernelSize * input.Channels, filters, Activation.ReLU, new Random(seed));
    }
}
