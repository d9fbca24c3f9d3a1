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
        throw new NotImplementedException(
            "Checkpoint 9: implement NetworkFile.Save — header, layer sizes, every weight and bias, then a SHA-256 of it all (checkpoints.md#9-all-ten-digits).");
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
        throw new NotImplementedException(
            "Checkpoint 9: implement NetworkFile.Load — check magic, length, version and checksum, then read the sizes, weights and biases (checkpoints.md#9-all-ten-digits).");
    }
}
