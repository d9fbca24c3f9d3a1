// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// The shape of one image with channels: <see cref="Height"/> x <see cref="Width"/> pixels, each with
/// <see cref="Channels"/> numbers (1 for a grey MNIST digit, one per filter after a convolution).
/// A batch of images is a <see cref="Matrix"/> with one image per row, stored "channels last": the
/// value of channel c at pixel (y, x) is at column <c>(y * Width + x) * Channels + c</c>, so a 28x28 grey
/// image is exactly MNIST's row of 784 pixels, and flattening an image for a dense layer changes nothing.
/// </summary>
public sealed class ImageShape
{
    /// <summary>An image of <paramref name="height"/> x <paramref name="width"/> pixels with <paramref name="channels"/> channels.</summary>
    public ImageShape(int height, int width, int channels)
    {
        if (height < 1 || width < 1 || channels < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(height), $"ImageShape: height, width and channels must be at least 1 (got {height}x{width}x{channels}).");
        }

        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>Rows of pixels.</summary>
    public int Height { get; }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Numbers per pixel.</summary>
    public int Channels { get; }

    /// <summary>Numbers per image, Height · Width · Channels: the columns of a batch of these images.</summary>
    public int Size => Height * Width * Channels;

    /// <summary>The column of channel <paramref name="c"/> at pixel (<paramref name="y"/>, <paramref name="x"/>) in a row of a batch.</summary>
    public int Index(int y, int x, int c) => (((y * Width) + x) * Channels) + c;

    /// <summary>
    /// The shape after 2x2 max-pooling: half the height and half the width, rounded down (an odd last
    /// row or column of pixels is left out), the same channels.
    /// </summary>
    public ImageShape Pooled() => new(Height / 2, Width / 2, Channels);

    /// <summary>"height x width x channels", as the numbers lie in memory: "28x28x1".</summary>
    public override string ToString() => $"{Height}x{Width}x{Channels}";

    /// <summary>Two shapes are equal when height, width and channels are.</summary>
    public override bool Equals(object? obj) =>
        obj is ImageShape other && other.Height == Height && other.Width == Width && other.Channels == Channels;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Height, Width, Channels);
}
