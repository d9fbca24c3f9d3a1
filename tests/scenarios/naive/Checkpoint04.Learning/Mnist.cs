using System.IO.Compression;

namespace NeuralNet;

// A beginner's IDX reader: one ReadByte at a time, through a GZipStream when the file is gzipped.
public static class Mnist
{
    public const int ImagesMagic = 2051;

    public const int LabelsMagic = 2049;

    public static Matrix ReadImages(string path)
    {
        using Stream stream = Open(path);
        ReadMagic(stream, path, ImagesMagic);
        int count = ReadInt(stream, path);
        int rows = ReadInt(stream, path);
        int cols = ReadInt(stream, path);
        Matrix images = new Matrix(count, rows * cols);
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < rows * cols; j++)
            {
                images[i, j] = ReadOne(stream, path) / 255.0;
            }
        }

        return images;
    }

    public static int[] ReadLabels(string path)
    {
        using Stream stream = Open(path);
        ReadMagic(stream, path, LabelsMagic);
        int count = ReadInt(stream, path);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = ReadOne(stream, path);
        }

        return labels;
    }

    public static Dataset Load(string imagesPath, string labelsPath, int[] digits)
    {
        Matrix images = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (images.Rows != labels.Length)
        {
            throw new InvalidDataException(imagesPath + " has " + images.Rows + " images but " + labelsPath + " has " + labels.Length + " labels.");
        }

        List<int> keep = new List<int>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (Array.IndexOf(digits, labels[i]) >= 0)
            {
                keep.Add(i);
            }
        }

        if (keep.Count == 0)
        {
            throw new InvalidDataException(labelsPath + " has none of the digits " + string.Join(", ", digits) + ".");
        }

        Matrix selected = new Matrix(keep.Count, images.Cols);
        int[] classes = new int[keep.Count];
        for (int k = 0; k < keep.Count; k++)
        {
            for (int j = 0; j < images.Cols; j++)
            {
                selected[k, j] = images[keep[k], j];
            }

            classes[k] = Array.IndexOf(digits, labels[keep[k]]);
        }

        return new Dataset(selected, classes);
    }

    private static Stream Open(string path)
    {
        FileStream file = File.OpenRead(path);
        int first = file.ReadByte();
        int second = file.ReadByte();
        file.Position = 0;
        if (first == 0x1F && second == 0x8B)
        {
            return new GZipStream(file, CompressionMode.Decompress);
        }

        return file;
    }

    private static void ReadMagic(Stream stream, string path, int expected)
    {
        int magic = ReadInt(stream, path);
        if (magic != expected)
        {
            throw new InvalidDataException(path + " has the magic number " + magic + ", not " + expected + ".");
        }
    }

    private static int ReadInt(Stream stream, string path)
    {
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            value = value * 256 + ReadOne(stream, path);
        }

        return value;
    }

    private static int ReadOne(Stream stream, string path)
    {
        int b = stream.ReadByte();
        if (b < 0)
        {
            throw new InvalidDataException(path + " is truncated: it ends before everything its header promises.");
        }

        return b;
    }
}
