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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
