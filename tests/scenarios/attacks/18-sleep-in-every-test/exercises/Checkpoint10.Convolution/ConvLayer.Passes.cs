namespace NeuralNet;

/// <summary>
/// Checkpoint 10 — your part of the convolution layer: the forward and the backward pass.
/// Read checkpoints.md, section 10.
/// </summary>
/// <remarks>
/// Plain loops over images, output pixels, filters and the k x k x C patch are a fine first version. A
/// faster one copies every patch into one row of a matrix ("im2col"): then Forward is one MatMul with
/// Kernels, and Backward is checkpoint 4's dense layer again (checkpoints.md, section 10).
/// </remarks>
public sealed partial class ConvLayer
{
    /// <summary>
    /// The convolution of a batch <paramref name="x"/> (one image of shape <see cref="Input"/> per row):
    /// out[s, (y, x, f)] = Biases[f] + Σ_{dy, dx, c} Kernels[(dy·k + dx)·C + c, f] · x[s, (y + dy, x + dx, c)],
    /// for every output pixel (y, x) and filter f. Returns n x Output.Size, channels last. No activation.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have Input.Size columns; the message names "ConvLayer", the layer's input shape and x's shape.
    /// </exception>
    public Matrix Forward(Matrix x)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// The backward pass. <paramref name="delta"/> is ∂loss/∂out for the output of <see cref="Forward"/>(x)
    /// (n x Output.Size). Returns ∂loss/∂Kernels, ∂loss/∂Biases and ∂loss/∂x; changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have Input.Size columns, or delta is not x.Rows x Output.Size; the message names
    /// "ConvLayer", the shape the layer expects and the shape it got.
    /// </exception>
    public ConvGradients Backward(Matrix x, Matrix delta)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
