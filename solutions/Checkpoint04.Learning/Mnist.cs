using System.Buffers.Binary;
using System.IO.Compression;

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
        // Header: magic, count, rows, cols — four big-endian int32s, 16 bytes.
        byte[] bytes = ReadIdx(path, ImagesMagic, "image", headerBytes: 16);
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        int rows = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        int pixels = rows * cols;
        RequireLength(path, bytes, 16, count, pixels, $"{count} images of {rows}x{cols} pixels");

        var images = new Matrix(count, pixels);
        ReadOnlySpan<byte> body = bytes.AsSpan(16, count * pixels);
        for (int i = 0; i < body.Length; i++)
        {
            images.Data[i] = body[i] / 255.0;
        }

        return images;
    }

    /// <summary>Reads an IDX label file (gzipped or not): one number from 0 to 255 per item.</summary>
    /// <exception cref="InvalidDataException">As for <see cref="ReadImages"/>, with the label magic number 2049.</exception>
    public static int[] ReadLabels(string path)
    {
        // Header: magic, count — two big-endian int32s, 8 bytes.
        byte[] bytes = ReadIdx(path, LabelsMagic, "label", headerBytes: 8);
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        RequireLength(path, bytes, 8, count, 1, $"{count} labels");

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[8 + i];
        }

        return labels;
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
        Matrix images = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (images.Rows != labels.Length)
        {
            throw new InvalidDataException(
                $"{imagesPath} holds {images.Rows} images but {labelsPath} holds {labels.Length} labels; an image file and its label file must have the same count.");
        }

        int[] keep = [.. Enumerable.Range(0, labels.Length).Where(i => Array.IndexOf(digits, labels[i]) >= 0)];
        if (keep.Length == 0)
        {
            throw new InvalidDataException($"{labelsPath} has no sample of the digits [{string.Join(", ", digits)}].");
        }

        var selected = new Matrix(keep.Length, images.Cols);
        var classes = new int[keep.Length];
        for (int k = 0; k < keep.Length; k++)
        {
            images.Row(keep[k]).CopyTo(selected.Row(k));
            classes[k] = Array.IndexOf(digits, labels[keep[k]]);
        }

        return new Dataset(selected, classes);
    }

    // The whole file, decompressed when it is gzipped, after checking the magic number.
    private static byte[] ReadIdx(string path, int magic, string kind, int headerBytes)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var inflated = new MemoryStream();
                gzip.CopyTo(inflated);
                bytes = inflated.ToArray();
            }
            catch (InvalidDataException error)
            {
                throw new InvalidDataException($"{path}: the gzip data is corrupt ({error.Message}).", error);
            }
        }

        // The magic number first: a file of the wrong kind is named as such, however short it is.
        int found = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(bytes) : magic;
        if (found != magic)
        {
            throw new InvalidDataException(
                $"{path} is not an IDX {kind} file: its magic number is {found}, not {magic}.");
        }

        if (bytes.Length < headerBytes)
        {
            throw new InvalidDataException(
                $"{path} is truncated: an IDX {kind} file starts with a {headerBytes}-byte header, but it holds only {bytes.Length} bytes.");
        }

        return bytes;
    }

    private static void RequireLength(string path, byte[] bytes, int headerBytes, int count, int itemBytes, string promise)
    {
        long needed = headerBytes + ((long)count * itemBytes);
        if (count < 1 || itemBytes < 1)
        {
            throw new InvalidDataException($"{path}: its header promises {promise}, which is nothing to read.");
        }

        if (bytes.Length < needed)
        {
            throw new InvalidDataException(
                $"{path} is truncated: its header promises {promise} ({needed:N0} bytes with the header), but it holds only {bytes.Length:N0} bytes.");
        }
    }
}
