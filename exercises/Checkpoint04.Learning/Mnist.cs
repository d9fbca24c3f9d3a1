namespace NeuralNet;

/// <summary>
/// Checkpoint 4 — reading MNIST's IDX files, gzipped (<c>.gz</c>) or not. Every number in an IDX
/// header is a 4-byte big-endian integer: the magic number (2051 for images, 2049 for labels), the
/// count, and for images the rows and columns (28 and 28); then one byte per pixel or label.
/// Read checkpoints.md, section 4.
/// </summary>
public static class Mnist
{
    /// <summary>The magic number of an IDX image file.</summary>
    public const int ImagesMagic = 2051;

    /// <summary>The magic number of an IDX label file.</summary>
    public const int LabelsMagic = 2049;

    /// <summary>
    /// Reads an IDX image file into a matrix with one image per row (count x rows·cols), each pixel
    /// scaled from 0–255 to 0–1. A file that starts with the gzip bytes 0x1F 0x8B is decompressed first.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not an image file (its message names the file and says "magic"), or it holds fewer
    /// bytes than its header promises (the message names the file and says "truncated"). Check the magic
    /// number first, as soon as the file has 4 bytes: read as images, a label file's header promises far
    /// more bytes than it holds, but its real problem is that it is the wrong kind of file.
    /// </exception>
    public static Matrix ReadImages(string path)
    {
        throw new NotImplementedException(
            "Checkpoint 4: implement Mnist.ReadImages — big-endian header (magic 2051, count, rows, cols), then one byte per pixel / 255 (checkpoints.md#4-learning).");
    }

    /// <summary>Reads an IDX label file (gzipped or not): one number from 0 to 255 per item.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="ReadImages"/>, with the label magic number 2049.</exception>
    public static int[] ReadLabels(string path)
    {
        throw new NotImplementedException(
            "Checkpoint 4: implement Mnist.ReadLabels — big-endian header (magic 2049, count), then one byte per label (checkpoints.md#4-learning).");
    }

    /// <summary>
    /// Reads an image file and its label file and keeps only the samples whose label is one of
    /// <paramref name="digits"/>, in file order. Their labels become class numbers: the position of the
    /// digit in <paramref name="digits"/> (for digits [0, 1, 2, 3, 4] the digit itself).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A file is broken (see <see cref="ReadImages"/>), or the two files hold different counts (the
    /// message names both files and both counts), or not one sample has any of the digits, so nothing
    /// would be kept (the message names the label file, where the digits are, and the digits).
    /// </exception>
    public static Dataset Load(string imagesPath, string labelsPath, int[] digits)
    {
        throw new NotImplementedException(
            "Checkpoint 4: implement Mnist.Load — ReadImages and ReadLabels, check the counts agree, keep the rows whose label is in digits (checkpoints.md#4-learning).");
    }
}
