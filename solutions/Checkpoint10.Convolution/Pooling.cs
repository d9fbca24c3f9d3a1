namespace NeuralNet;

/// <summary>
/// Checkpoint 10 — 2x2 max-pooling: each channel of an image is cut into 2x2 windows, and each window
/// keeps only its largest value. The image shrinks to half its height and width (rounded down: an odd
/// last row or column is left out), the channels stay. Read checkpoints.md, section 10.
/// </summary>
public static class Pooling
{
    /// <summary>
    /// Max-pooling of a batch <paramref name="x"/> (one image of <paramref name="shape"/> per row, channels
    /// last): out[s, (y, x, c)] = max of x[s, (2y + dy, 2x + dx, c)] over dy, dx ∈ {0, 1}.
    /// Returns n x shape.Pooled().Size.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have shape.Size columns; the message names "MaxPool", the image shape and x's shape.
    /// </exception>
    public static Matrix MaxPool(Matrix x, ImageShape shape)
    {
        RequireColumns("MaxPool", x, shape);
        ImageShape pooled = shape.Pooled();
        var result = new Matrix(x.Rows, pooled.Size);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < pooled.Height; y++)
            {
                for (int xx = 0; xx < pooled.Width; xx++)
                {
                    for (int c = 0; c < shape.Channels; c++)
                    {
                        result[s, pooled.Index(y, xx, c)] = x[s, ArgMax(x, s, shape, y, xx, c)];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The backward pass of <see cref="MaxPool"/>. <paramref name="delta"/> is ∂loss/∂out (n x
    /// shape.Pooled().Size). Only the largest value of each window reached the output, so each window's
    /// gradient goes to that one position and every other position gets 0. When several values of a window
    /// are equal and largest, the first in reading order — top left, top right, bottom left, bottom right —
    /// takes it all. Returns ∂loss/∂x, the shape of <paramref name="x"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have shape.Size columns, or delta is not x.Rows x shape.Pooled().Size; the message names
    /// "MaxPoolBackward" and the shapes.
    /// </exception>
    public static Matrix MaxPoolBackward(Matrix x, ImageShape shape, Matrix delta)
    {
        RequireColumns("MaxPoolBackward", x, shape);
        ImageShape pooled = shape.Pooled();
        if (delta.Rows != x.Rows || delta.Cols != pooled.Size)
        {
            throw new ArgumentException(
                $"MaxPoolBackward: x is {x.Shape} ({shape} images), so delta must be {x.Rows}x{pooled.Size} ({pooled} images), but it is {delta.Shape}.",
                nameof(delta));
        }

        var gradients = new Matrix(x.Rows, x.Cols);
        for (int s = 0; s < x.Rows; s++)
        {
            for (int y = 0; y < pooled.Height; y++)
            {
                for (int xx = 0; xx < pooled.Width; xx++)
                {
                    for (int c = 0; c < shape.Channels; c++)
                    {
                        gradients[s, ArgMax(x, s, shape, y, xx, c)] += delta[s, pooled.Index(y, xx, c)];
                    }
                }
            }
        }

        return gradients;
    }

    // The column of the largest value in window (y, x) of channel c of image s; the first of equal ones,
    // since only a strictly larger value replaces the best so far.
    private static int ArgMax(Matrix images, int s, ImageShape shape, int y, int x, int c)
    {
        int best = -1;
        for (int dy = 0; dy < 2; dy++)
        {
            for (int dx = 0; dx < 2; dx++)
            {
                int column = shape.Index((2 * y) + dy, (2 * x) + dx, c);
                if (best < 0 || images[s, column] > images[s, best])
                {
                    best = column;
                }
            }
        }

        return best;
    }

    private static void RequireColumns(string method, Matrix x, ImageShape shape)
    {
        if (x.Cols != shape.Size)
        {
            throw new ArgumentException(
                $"{method}: x should hold one {shape} image ({shape.Size} numbers) per row, but it is {x.Shape}.", nameof(x));
        }
    }
}
