using System.IO.Compression;

namespace NeuralNet;

// Reads the IDX files of MNIST (gzipped or not)
public static class Mnist
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    public static Dataset Load(string imageFile, string labelFile, int[] wanted)
    {
        Matrix pixels = ReadImages(imageFile);
        int[] digits = ReadLabels(labelFile);
        if (pixels.Rows != digits.Length)
            throw new InvalidDataException(imageFile + ": " + pixels.Rows + " images, " + labelFile + ": " + digits.Length + " labels");

        List<int> chosen = new List<int>();
        for (int n = 0; n < digits.Length; n++)
        {
            if (Array.IndexOf(wanted, digits[n]) >= 0)
            {
                chosen.Add(n);
            }
        }

        if (chosen.Count == 0)
            throw new InvalidDataException(labelFile + " contains none of " + string.Join(", ", wanted));

        Matrix kept = new Matrix(chosen.Count, pixels.Cols);
        int[] targets = new int[chosen.Count];
        for (int r = 0; r < chosen.Count; r++)
        {
            for (int c = 0; c < pixels.Cols; c++)
            {
                kept[r, c] = pixels[chosen[r], c];
            }
            targets[r] = Array.IndexOf(wanted, digits[chosen[r]]);
        }
        return new Dataset(kept, targets);
    }

    public static int[] ReadLabels(string file)
    {
        using Stream input = OpenFile(file);
        CheckMagic(input, file, LabelsMagic);
        int n = ReadInt32(input, file);
        int[] result = new int[n];
        for (int k = 0; k < n; k++)
        {
            result[k] = NextByte(input, file);
        }
        return result;
    }

    public static Matrix ReadImages(string file)
    {
        using Stream input = OpenFile(file);
        CheckMagic(input, file, ImagesMagic);
        int n = ReadInt32(input, file);
        int height = ReadInt32(input, file);
        int width = ReadInt32(input, file);
        Matrix result = new Matrix(n, height * width);
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < height * width; c++)
            {
                result[r, c] = NextByte(input, file) / 255.0;
            }
        }
        return result;
    }

    static int NextByte(Stream input, string file)
    {
        int value = input.ReadByte();
        if (value < 0)
            throw new InvalidDataException(file + " ends too early");
        return value;
    }

    static int ReadInt32(Stream input, string file)
    {
        int result = 0;
        for (int k = 0; k < 4; k++)
        {
            result = result * 256 + NextByte(input, file);
        }
        return result;
    }

    static void CheckMagic(Stream input, string file, int magic)
    {
        int found = ReadInt32(input, file);
        if (found != magic)
            throw new InvalidDataException(file + ": magic " + found + " instead of " + magic);
    }

    static Stream OpenFile(string file)
    {
        FileStream raw = File.OpenRead(file);
        int b0 = raw.ReadByte();
        int b1 = raw.ReadByte();
        raw.Position = 0;
        if (b0 == 0x1F && b1 == 0x8B)
        {
            return new GZipStream(raw, CompressionMode.Decompress);
        }
        return raw;
    }
}
