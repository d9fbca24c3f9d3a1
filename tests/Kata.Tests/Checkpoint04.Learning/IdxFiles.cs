using System.Buffers.Binary;
using System.IO.Compression;

namespace Kata.Tests.Checkpoint04;

/// <summary>IDX files written by the tests (the MNIST reader's visible tests and hold-outs): header and bytes, gzipped or not.</summary>
internal static class IdxFiles
{
    /// <summary>An IDX file: the magic number and the dimensions as big-endian int32s, then the bytes.</summary>
    public static byte[] Bytes(int magic, int[] dimensions, byte[] body)
    {
        var bytes = new byte[4 + (4 * dimensions.Length) + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        body.CopyTo(bytes, 4 + (4 * dimensions.Length));
        return bytes;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="folder"/>/<paramref name="name"/>.idx, or gzipped to .gz; returns the path.</summary>
    public static string Write(string folder, string name, byte[] content, bool gzipped = false)
    {
        string path = Path.Combine(folder, name + (gzipped ? ".gz" : ".idx"));
        if (!gzipped)
        {
            File.WriteAllBytes(path, content);
            return path;
        }

        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return path;
    }
}
