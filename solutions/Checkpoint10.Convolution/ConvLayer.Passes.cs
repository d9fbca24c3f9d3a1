namespace NeuralNet;

/// <summary>
/// Checkpoint 10 — your part of the convolution layer: the forward and the backward pass.
/// Read checkpoints.md, section 10.
/// </summary>
/// <remarks>
/// This solution uses "im2col": every k x k patch of every image is copied into one row of a patch matrix,
/// and then the whole convolution is one matrix product, patches · Kernels — a dense layer applied to every
/// patch. The backward pass is then checkpoint 4's dense layer again: dKernels = patchesᵀ · delta,
/// dBiases = column sums of delta, dPatches = delta · Kernelsᵀ, and each patch's gradient is added back
/// where the patch came from ("col2im"). It costs memory (every pixel is copied up to k·k times) but
/// turns six nested loops into your MatMul.
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
        RequireColumns("Forward", "x", x, Input);

        // (n·H'·W') x (k·k·C) patches · (k·k·C) x F kernels = (n·H'·W') x F: one row per output pixel.
        Matrix z = LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(Im2Col(x), Kernels), Biases);

        // The same numbers, read as n rows of H'·W'·F: one output image per row, channels last.
        return new Matrix(x.Rows, Output.Size, z.Data);
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
        RequireColumns("Backward", "x", x, Input);
        RequireColumns("Backward", "delta", delta, Output);
        if (delta.Rows != x.Rows)
        {
            throw new ArgumentException($"ConvLayer.Backward: x is {x.Shape} but delta is {delta.Shape}; both need one row per image.", nameof(delta));
        }

        Matrix patches = Im2Col(x);                                  // (n·H'·W') x (k·k·C)
        var deltaRows = new Matrix(x.Rows * Output.Height * Output.Width, Filters, delta.Data); // (n·H'·W') x F

        // The dense layer's formulas, one "sample" per output pixel.
        Matrix kernels = LinearAlgebra.MatMul(LinearAlgebra.Transpose(patches), deltaRows);         // (k·k·C) x F
        double[] biases = LinearAlgebra.ColumnSums(deltaRows);                                      // F
        Matrix patchGradients = LinearAlgebra.MatMul(deltaRows, LinearAlgebra.Transpose(Kernels));  // (n·H'·W') x (k·k·C)
        return new ConvGradients(kernels, biases, Col2Im(patchGradients, x.Rows));
    }

    // Row (s·H' + y)·W' + x of the result is the k x k x C patch of image s whose top-left pixel is (y, x),
    // read row by row: for each dy, the k·C numbers from (y + dy, x) on lie next to each other in the image.
    private Matrix Im2Col(Matrix images)
    {
        int k = KernelSize, run = k * Input.Channels;
        var patches = new Matrix(images.Rows * Output.Height * Output.Width, k * run);
        int row = 0;
        for (int s = 0; s < images.Rows; s++)
        {
            ReadOnlySpan<double> image = images.Row(s);
            for (int y = 0; y < Output.Height; y++)
            {
                for (int x = 0; x < Output.Width; x++, row++)
                {
                    Span<double> patch = patches.Row(row);
                    for (int dy = 0; dy < k; dy++)
                    {
                        image.Slice(Input.Index(y + dy, x, 0), run).CopyTo(patch.Slice(dy * run, run));
                    }
                }
            }
        }

        return patches;
    }

    // The reverse of Im2Col: every patch's gradient is added back onto the pixels it was copied from.
    // A pixel in several patches collects the sum — the chain rule for a number used several times.
    private Matrix Col2Im(Matrix patchGradients, int images)
    {
        int k = KernelSize, run = k * Input.Channels;
        var gradients = new Matrix(images, Input.Size);
        int row = 0;
        for (int s = 0; s < images; s++)
        {
            Span<double> image = gradients.Row(s);
            for (int y = 0; y < Output.Height; y++)
            {
                for (int x = 0; x < Output.Width; x++, row++)
                {
                    ReadOnlySpan<double> patch = patchGradients.Row(row);
                    for (int dy = 0; dy < k; dy++)
                    {
                        Span<double> target = image.Slice(Input.Index(y + dy, x, 0), run);
                        ReadOnlySpan<double> source = patch.Slice(dy * run, run);
                        for (int i = 0; i < run; i++)
                        {
                            target[i] += source[i];
                        }
                    }
                }
            }
        }

        return gradients;
    }

    private void RequireColumns(string method, string name, Matrix m, ImageShape shape)
    {
        if (m.Cols != shape.Size)
        {
            throw new ArgumentException(
                $"ConvLayer.{method}: the layer {this} needs {name} with one {shape} image ({shape.Size} numbers) per row, but {name} is {m.Shape}.",
                name);
        }
    }
}
