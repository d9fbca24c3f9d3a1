using System.Security.Cryptography;
using System.Text;
using Kata.Tests.Checkpoint04;

namespace Kata.Tests.Checkpoint09;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Saving and loading a network: the documented format byte for byte, an exact round trip, and a clear
/// sentence naming the file when it is truncated, of another kind, of another version or damaged.
/// </summary>
[Checkpoint(9)]
public sealed class NetworkFileTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = FileAssertions.NewFolder("kata-net-");

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Grades("NetworkFile.Save", "NetworkFile.Load")]
    [TestCase(new[] { 5, 4, 3 }, Activation.ReLU)]
    [TestCase(new[] { 6, 5, 4, 3 }, Activation.Sigmoid)]
    [TestCase(new[] { 7, 2 }, Activation.ReLU)]
    public void Save_then_Load_gives_the_same_network_bit_for_bit(int[] sizes, Activation activation)
    {
        Network network = TestNetworks.Random(sizes, activation, seed: 91);
        network.Weights[0].Data[0] = 1e-310; // a subnormal number, and one that text would round
        network.Biases[^1][0] = Math.PI / 3;
        string path = Path.Combine(_dir, "network.nnet");

        NetworkFile.Save(network, path);
        Network loaded = NetworkFile.Load(path);

        loaded.ShouldNotBeNull();
        loaded.LayerSizes.ShouldBe(sizes);
        loaded.HiddenActivation.BuiltIn.ShouldBe(activation);
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            Bits(loaded.Weights[l].Data).ShouldBe(Bits(network.Weights[l].Data), $"every weight of layer {l}, bit for bit");
            Bits(loaded.Biases[l]).ShouldBe(Bits(network.Biases[l]), $"every bias of layer {l}, bit for bit");
        }
    }

    [Grades("NetworkFile.Save")]
    [Test]
    public void Save_writes_the_documented_format()
    {
        Network network = HandSet();
        string path = Path.Combine(_dir, "network.nnet");

        NetworkFile.Save(network, path);

        byte[] written = File.ReadAllBytes(path);
        byte[] expected = Documented(network);
        written.Length.ShouldBe(expected.Length, "16 header bytes + 4 per layer size + 8 per weight and bias + a 32-byte SHA-256 (checkpoints.md#9-all-ten-digits)");
        int first = Enumerable.Range(0, expected.Length).FirstOrDefault(i => written[i] != expected[i], -1);
        first.ShouldBe(-1, $"the first byte that differs from the documented format is at offset {first} ({Field(first, network, expected.Length)})");
    }

    [Grades("NetworkFile.Save")]
    [TestCase("Tanh")]
    [TestCase("LeakyReLU")]
    public void Save_refuses_a_network_with_an_activation_the_format_has_no_number_for_and_writes_no_file(string name)
    {
        // Checkpoint 6's activations, built here as any ActivationFunction is: only sigmoid and ReLU have a number in the format.
        var activation = name == "Tanh"
            ? new ActivationFunction(name, Math.Tanh, z => 1 - (Math.Tanh(z) * Math.Tanh(z)), Activation.Sigmoid)
            : new ActivationFunction(name, z => z > 0 ? z : 0.01 * z, z => z > 0 ? 1 : 0.01, Activation.ReLU);
        var network = new Network([4, 3, 2], seed: 5, activation);
        string path = Path.Combine(_dir, "network.nnet");

        Action save = () => NetworkFile.Save(network, path);

        save.ShouldRejectWith(["Save", name]);
        File.Exists(path).ShouldBeFalse($"Save should write no file for a {name} network: a file it wrote could not say which activation it holds");
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_reads_a_file_written_to_the_documented_format()
    {
        Network network = HandSet();
        string path = Path.Combine(_dir, "documented.nnet");
        File.WriteAllBytes(path, Documented(network));

        Network loaded = NetworkFile.Load(path);

        loaded.LayerSizes.ShouldBe([2, 3, 2]);
        loaded.HiddenActivation.BuiltIn.ShouldBe(Activation.Sigmoid);
        loaded.Weights[0].ShouldMatch(network.Weights[0], 0);
        loaded.Weights[1].ShouldMatch(network.Weights[1], 0);
        loaded.Biases[0].ShouldBe(network.Biases[0]);
        loaded.Biases[1].ShouldBe(network.Biases[1]);
    }

    [Grades("NetworkFile.Load")]
    [TestCase(40, TestName = "Load_rejects_a_file_cut_short_in_the_weights_and_says_truncated")]
    [TestCase(10, TestName = "Load_rejects_a_file_cut_short_in_the_header_and_says_truncated")]
    [TestCase(22, TestName = "Load_rejects_a_file_cut_short_in_its_layer_sizes_and_says_truncated")]
    [TestCase(1, TestName = "Load_rejects_a_file_missing_its_last_byte_and_says_truncated")]
    public void Load_rejects_a_truncated_file(int keep)
    {
        string path = Path.Combine(_dir, "short.nnet");
        byte[] bytes = Documented(HandSet());
        File.WriteAllBytes(path, keep == 1 ? bytes[..^1] : bytes[..keep]);

        FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "truncated");
    }

    [Grades("NetworkFile.Load")]
    [TestCase(false, TestName = "Load_rejects_a_file_with_a_byte_after_its_checksum_and_says_damaged")]
    [TestCase(true, TestName = "Load_rejects_a_file_with_a_number_too_many_and_a_checksum_that_matches_it_and_says_damaged")]
    public void Load_rejects_a_file_longer_than_its_header_promises(bool numberTooMany)
    {
        string path = Path.Combine(_dir, "longer.nnet");
        byte[] bytes = Documented(HandSet());
        byte[] body = bytes[..^32];
        File.WriteAllBytes(
            path,
            numberTooMany
                ? [.. body, .. BitConverter.GetBytes(0.5), .. SHA256.HashData([.. body, .. BitConverter.GetBytes(0.5)])] // as if a bias were written twice
                : [.. bytes, 0x2A]);

        FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "damaged");
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_rejects_a_file_of_another_kind_and_says_magic()
    {
        string path = Path.Combine(_dir, "notes.nnet");
        File.WriteAllText(path, "These are my notes, not a network: it has weights and biases, but in words.");

        FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "magic");
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_rejects_a_file_of_another_version_and_says_version()
    {
        string path = Path.Combine(_dir, "future.nnet");
        File.WriteAllBytes(path, Documented(HandSet(), version: 2));

        FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "version");
    }

    [Grades("NetworkFile.Load")]
    [TestCase(40, TestName = "Load_rejects_a_file_with_a_changed_weight_and_says_checksum")]
    [TestCase(-1, TestName = "Load_rejects_a_file_with_a_changed_checksum_and_says_checksum")]
    public void Load_rejects_a_damaged_file(int offset)
    {
        string path = Path.Combine(_dir, "damaged.nnet");
        byte[] bytes = Documented(HandSet());
        bytes[offset < 0 ? bytes.Length + offset : offset] ^= 0x10; // one bit of one byte
        File.WriteAllBytes(path, bytes);

        FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "checksum");
    }

    // A 2-3-2 sigmoid network whose parameters are easy to recognise in a hex dump.
    private static Network HandSet() => new(
        [Matrix.FromRows([0.5, -1.5, 2.0], [0.25, 3.0, -0.125]), Matrix.FromRows([1.0, -1.0], [0.75, 0.5], [-2.0, 4.0])],
        [[0.1, 0.2, 0.3], [-0.4, 0.6]],
        Activation.Sigmoid);

    // The format of checkpoints.md#9-all-ten-digits, written here independently of the learner's code.
    private static byte[] Documented(Network network, int version = 1)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("NNET"u8);
            writer.Write(version);
            writer.Write(network.HiddenActivation.BuiltIn == Activation.ReLU ? 1 : 0);
            writer.Write(network.LayerSizes.Count);
            foreach (int size in network.LayerSizes)
            {
                writer.Write(size);
            }

            for (int l = 0; l < network.LayerCount; l++)
            {
                network.Weights[l].Data.ToList().ForEach(writer.Write);
                network.Biases[l].ToList().ForEach(writer.Write);
            }
        }

        stream.Write(SHA256.HashData(stream.ToArray()));
        return stream.ToArray();
    }

    private static string Field(int offset, Network network, int length)
    {
        int sizesEnd = 16 + (4 * network.LayerSizes.Count);
        return offset switch
        {
            < 0 => "none",
            < 4 => "the magic \"NNET\"",
            < 8 => "the version",
            < 12 => "the activation",
            < 16 => "the number of layer sizes",
            _ when offset < sizesEnd => "the layer sizes",
            _ when offset >= length - 32 => "the checksum",
            _ => "the weights and biases",
        };
    }

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
