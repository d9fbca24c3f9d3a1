using System.Security.Cryptography;
using System.Text;

namespace NeuralNet;

/// <summary>
/// Checkpoint 9 — saving a trained network to a file and reading it back, so that minutes of training
/// are not lost when the program ends. The format is small and documented (checkpoints.md, section 9);
/// every number is little-endian, as <see cref="BinaryWriter"/> writes it:
/// <code>
/// offset      bytes  field
/// 0           4      magic: the ASCII letters "NNET"
/// 4           4      format version: 1 (int32)
/// 8           4      hidden activation: 0 sigmoid, 1 ReLU (the value of the Activation enum, int32)
/// 12          4      n, the number of layer sizes (int32, at least 2)
/// 16          4·n    the layer sizes, inputs first (int32 each)
/// 16 + 4·n    8·P    for each layer l: Weights[l] row by row, then Biases[l] (float64 each)
/// end − 32    32     the SHA-256 hash of every byte before it
/// </code>
/// P is the number of parameters, Σ sizes[l]·sizes[l+1] + sizes[l+1], so a file is exactly
/// 16 + 4·n + 8·P + 32 bytes long. The first 16 bytes are the fixed header; the 4·n bytes of layer sizes
/// follow it. The format has a number only for checkpoint 3's two activations (sigmoid and ReLU).
/// </summary>
public static class NetworkFile
{
    /// <summary>The four ASCII letters every network file starts with.</summary>
    public const string Magic = "NNET";

    /// <summary>The version of the format this code writes and reads.</summary>
    public const int Version = 1;

    private const int HeaderBytes = 16;
    private const int ChecksumBytes = 32;
    private const int MaxLayerSizes = 64;
    private const int MaxLayerSize = 1_000_000;

    /// <summary>
    /// Writes <paramref name="network"/> (layer sizes, hidden activation, every weight and bias) to
    /// <paramref name="path"/> in the format above, replacing any file there.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The network's hidden activation is not sigmoid or ReLU (its <c>HiddenActivation.BuiltIn</c> is null: tanh,
    /// leaky ReLU, …), which the format has no number for; the message names Save and the activation, and no
    /// file is written.
    /// </exception>
    public static void Save(Network network, string path)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            // The format knows the two activations of checkpoint 3 (the Activation enum's values).
            writer.Write((int)(network.HiddenActivation.BuiltIn
                ?? throw new ArgumentException($"NetworkFile.Save: a network with the {network.HiddenActivation} activation cannot be saved; the format stores sigmoid or ReLU.", nameof(network))));
            writer.Write(network.LayerSizes.Count);
            foreach (int size in network.LayerSizes)
            {
                writer.Write(size);
            }

            for (int l = 0; l < network.LayerCount; l++)
            {
                foreach (double w in network.Weights[l].Data)
                {
                    writer.Write(w);
                }

                foreach (double b in network.Biases[l])
                {
                    writer.Write(b);
                }
            }
        }

        // The checksum covers everything written so far: a changed byte anywhere changes the hash.
        bytes.Write(SHA256.HashData(bytes.ToArray()));
        File.WriteAllBytes(path, bytes.ToArray());
    }

    /// <summary>
    /// Reads a network that <see cref="Save"/> wrote. The result has the same layer sizes, activation,
    /// weights and biases, bit for bit.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Checked in this order, every message naming the file: the first four bytes (or as many as there are)
    /// are not the magic ("magic"); the file is shorter than the 16-byte fixed header ("truncated"); it is of
    /// another version ("version"); the activation is not 0 or 1, or n not from 2 to 64 ("damaged"); the file
    /// is shorter than the header and its 4·n bytes of layer sizes ("truncated"); a size is not from 1 to
    /// 1,000,000 ("damaged"); the file is not exactly 16 + 4·n + 8·P + 32 bytes long — shorter "truncated",
    /// longer "damaged" — checked before anything is allocated; its contents do not match its checksum ("checksum").
    /// </exception>
    public static Network Load(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);

        // The magic first: a file of another kind is named as such, however short it is.
        int magicLength = Math.Min(bytes.Length, Magic.Length);
        if (Encoding.ASCII.GetString(bytes, 0, magicLength) != Magic[..magicLength])
        {
            throw new InvalidDataException(
                $"{path} is not a network file: it starts with the bytes {Convert.ToHexString(bytes, 0, magicLength)}, not the magic \"{Magic}\".");
        }

        if (bytes.Length < HeaderBytes)
        {
            throw new InvalidDataException(
                $"{path} is truncated: a network file starts with a {HeaderBytes}-byte header, but it holds only {bytes.Length} bytes.");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes));
        reader.ReadBytes(Magic.Length);
        int version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"{path} is a network file of version {version}; this code reads version {Version}.");
        }

        // A damaged header may promise anything: check it, and the file's length, before allocating.
        var activation = (Activation)reader.ReadInt32();
        int count = reader.ReadInt32();
        if (!Enum.IsDefined(activation) || count is < 2 or > MaxLayerSizes)
        {
            throw new InvalidDataException($"{path} is damaged: its header names activation {(int)activation} and {count} layer sizes.");
        }

        long sizesEnd = HeaderBytes + (4L * count);
        if (bytes.Length < sizesEnd)
        {
            throw new InvalidDataException(
                $"{path} is truncated: its header promises {count} layer sizes ({sizesEnd} bytes with the header), but it holds only {bytes.Length} bytes.");
        }

        int[] sizes = [.. Enumerable.Range(0, count).Select(_ => reader.ReadInt32())];
        if (sizes.Any(size => size is < 1 or > MaxLayerSize))
        {
            throw new InvalidDataException($"{path} is damaged: its header lists the layer sizes {string.Join('-', sizes)}.");
        }

        // 16 + 4n header bytes, 8 bytes per weight and bias, 32 checksum bytes.
        long parameters = Enumerable.Range(0, count - 1).Sum(l => ((long)sizes[l] * sizes[l + 1]) + sizes[l + 1]);
        long expected = sizesEnd + (8 * parameters) + ChecksumBytes;
        if (bytes.Length != expected)
        {
            throw new InvalidDataException(
                $"{path} is {(bytes.Length < expected ? "truncated" : "damaged")}: its header promises a {string.Join('-', sizes)} network, "
                + $"{expected:N0} bytes with header and checksum, but it holds {bytes.Length:N0} bytes.");
        }

        byte[] hash = SHA256.HashData(bytes.AsSpan(0, bytes.Length - ChecksumBytes));
        if (!hash.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumBytes)))
        {
            throw new InvalidDataException($"{path} is damaged: its SHA-256 checksum does not match its contents.");
        }

        var weights = new Matrix[count - 1];
        var biases = new double[count - 1][];
        for (int l = 0; l < count - 1; l++)
        {
            weights[l] = new Matrix(sizes[l], sizes[l + 1]);
            for (int i = 0; i < weights[l].Data.Length; i++)
            {
                weights[l].Data[i] = reader.ReadDouble();
            }

            biases[l] = [.. Enumerable.Range(0, sizes[l + 1]).Select(_ => reader.ReadDouble())];
        }

        return new Network(weights, biases, activation);
    }
}
