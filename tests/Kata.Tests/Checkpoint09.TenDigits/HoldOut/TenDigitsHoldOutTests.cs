using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kata.Tests.Checkpoint04;

namespace Kata.Tests.Checkpoint09.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 9, with inputs drawn at grade time (<see cref="GradeTime"/>): validation
/// curves, patience and epochs for early stopping (the expected run worked out here from the rule), splits
/// of drawn data, and networks of drawn sizes and weights through the documented file format (written
/// byte by byte here) and through damaged copies of it; and, fixed: another curve, another split, a
/// network of the graded size through the file, and a file with bytes after its checksum.
/// </summary>
[Checkpoint(9)]
[HoldOut]
public sealed class TenDigitsHoldOutTests
{
    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_on_drawn_curves_stops_after_patience_epochs_without_a_new_best_and_keeps_the_best()
    {
        Random random = GradeTime.Random();
        for (int run = 0; run < 12; run++)
        {
            // Accuracies on a grid of 0.05, so that equal values (no improvement) come up often.
            int maxEpochs = GradeTime.Between(random, 1, 12), patience = GradeTime.Between(random, 1, 5);
            double[] curve = [.. Enumerable.Range(0, maxEpochs).Select(_ => GradeTime.Between(random, 10, 20) * 0.05)];
            int[] sizes = [.. Enumerable.Range(0, GradeTime.Between(random, 2, 4)).Select(_ => GradeTime.Between(random, 1, 5))];
            (int epochs, int best) = ExpectedRun(curve, maxEpochs, patience);
            string what = string.Create(CultureInfo.InvariantCulture, $"curve [{string.Join(", ", curve.Select(a => a.ToString("F2", CultureInfo.InvariantCulture)))}], maxEpochs {maxEpochs}, patience {patience}");

            ScriptedRun.Run(sizes, curve, maxEpochs, patience).ShouldHaveRunAsScripted(epochs, best, what);
        }
    }

    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_on_a_drawn_rising_curve_runs_every_epoch_and_keeps_the_last()
    {
        Random random = GradeTime.Random();
        int maxEpochs = GradeTime.Between(random, 1, 15), patience = GradeTime.Between(random, 1, 4);
        double[] steps = GradeTime.Vector(random, maxEpochs, 0.001, 0.05);
        double[] curve = [.. steps.Select((_, e) => 0.2 + steps[..(e + 1)].Sum())];

        ScriptedRun.Run([3, GradeTime.Between(random, 1, 6), 2], curve, maxEpochs, patience)
            .ShouldHaveRunAsScripted(maxEpochs, maxEpochs, $"every epoch is a new best, so all {maxEpochs} run and the last is kept (patience {patience})");
    }

    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_rejects_drawn_max_epochs_and_patience_below_one()
    {
        Random random = GradeTime.Random();
        var network = new Network([new Matrix(2, 2)], [new double[2]]);
        int below = -GradeTime.Between(random, 0, 5), fine = GradeTime.Between(random, 1, 5);

        Action noEpochs = () => EarlyStopping.Train(network, _ => { }, () => 0.5, below, fine);
        Action noPatience = () => EarlyStopping.Train(network, _ => { }, () => 0.5, fine, below);

        noEpochs.ShouldRejectWith([], $"maxEpochs = {below}");
        noPatience.ShouldRejectWith([], $"patience = {below}");
    }

    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_with_patience_two_keeps_the_best_of_a_noisy_curve_and_stops_in_time()
    {
        // Best 0.83 at epoch 4; epochs 5 and 6 do not beat it; training stops after epoch 6.
        double[] curve = [0.70, 0.80, 0.79, 0.83, 0.83, 0.82, 0.99];

        EarlyStoppingTests.Script run = EarlyStoppingTests.Script.Run(curve, maxEpochs: 7, patience: 2);

        run.ShouldHaveRun(epochs: 6, bestEpoch: 4, "epoch 4 (0.83) is best; 0.83 again at epoch 5 is no improvement");
    }

    [Grades("EarlyStopping.Train")]
    [Test]
    public void Early_stopping_stops_at_max_epochs_even_when_patience_would_allow_more()
    {
        double[] curve = [0.50, 0.40, 0.45, 0.48];

        EarlyStoppingTests.Script run = EarlyStoppingTests.Script.Run(curve, maxEpochs: 3, patience: 5);

        run.ShouldHaveRun(epochs: 3, bestEpoch: 1, "maxEpochs is 3, and epoch 1 stays the best");
    }

    [Grades("Validation.Split")]
    [Test]
    public void Split_of_drawn_data_keeps_the_last_drawn_count_for_validation_as_copies()
    {
        Random random = GradeTime.Random();
        for (int trial = 0; trial < 8; trial++)
        {
            int n = GradeTime.Between(random, 2, 60), cols = GradeTime.Between(random, 1, 6), validationCount = GradeTime.Between(random, 1, n - 1);
            var data = new Dataset(GradeTime.Matrix(random, n, cols, -5, 5), [.. Enumerable.Range(0, n).Select(_ => random.Next(10))]);
            Matrix imagesBefore = data.Images.Clone();
            int[] labelsBefore = [.. data.Labels];
            int trainCount = n - validationCount;
            var expectedTrain = new Matrix(trainCount, cols, imagesBefore.Data[..(trainCount * cols)]);
            var expectedValidation = new Matrix(validationCount, cols, imagesBefore.Data[(trainCount * cols)..]);
            string what = $"{n} samples of {cols} pixels, {validationCount} for validation";

            (Dataset train, Dataset validation) = Validation.Split(data, validationCount);

            train.ShouldNotBeNull();
            validation.ShouldNotBeNull();
            train.Images.ShouldMatch(expectedTrain, 0, $"{what}: the first {trainCount} rows train, in order");
            train.Labels.ShouldBe(labelsBefore[..trainCount], $"{what}: the labels of the first {trainCount} rows");
            validation.Images.ShouldMatch(expectedValidation, 0, $"{what}: the last {validationCount} rows validate, in order");
            validation.Labels.ShouldBe(labelsBefore[trainCount..], $"{what}: the labels of the last {validationCount} rows");

            Array.Fill(train.Images.Data, double.NaN);
            Array.Fill(validation.Images.Data, double.NaN);
            Array.Fill(train.Labels, -1);
            Array.Fill(validation.Labels, -1);
            data.Images.ShouldMatch(imagesBefore, 0, $"{what}: the parts should be copies; changing them changed the data");
            data.Labels.ShouldBe(labelsBefore, $"{what}: the parts' labels should be copies");
        }
    }

    [Grades("Validation.Split")]
    [Test]
    public void Split_refuses_drawn_validation_counts_that_leave_a_part_empty()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 2, 40);
        var data = new Dataset(GradeTime.Matrix(random, n, 2), new int[n]);
        int[] counts = [0, n, n + GradeTime.Between(random, 1, 50), -GradeTime.Between(random, 1, 50)];

        foreach (int count in counts)
        {
            Action split = () => Validation.Split(data, count);
            split.ShouldRejectWith(["Split", count.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    [Grades("Validation.Split")]
    [Test]
    public void Split_of_an_uneven_count_keeps_exactly_the_last_samples()
    {
        Dataset data = ValidationSplitTests.Numbered(17);

        (Dataset train, Dataset validation) = Validation.Split(data, 6);

        train.Labels.ShouldBe(Enumerable.Range(0, 11));
        validation.Labels.ShouldBe(Enumerable.Range(11, 6));
        validation.Images.ShouldMatch(new Matrix(6, 3, data.Images.Data[33..]), 0);
    }

    [Grades("NetworkFile.Save")]
    [Test]
    public void Save_writes_a_drawn_network_in_the_documented_format_byte_for_byte()
    {
        Random random = GradeTime.Random();
        Network network = DrawNetwork(random);
        byte[] expected = Documented(network);
        string dir = FileAssertions.NewFolder("kata-holdout-");
        try
        {
            string path = Path.Combine(dir, "drawn.nnet");

            NetworkFile.Save(network, path);

            byte[] written = File.ReadAllBytes(path);
            string what = $"a {string.Join('-', network.LayerSizes)} {network.HiddenActivation} network";
            written.Length.ShouldBe(expected.Length, $"{what}: 16 header bytes + 4 per layer size + 8 per weight and bias + a 32-byte SHA-256");
            int first = Enumerable.Range(0, expected.Length).FirstOrDefault(i => written[i] != expected[i], -1);
            first.ShouldBe(-1, $"{what}: the first byte that differs from the documented format is at offset {first} ({Field(first, network.LayerSizes.Count, expected.Length)})");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_reads_a_drawn_network_written_byte_by_byte_to_the_documented_format()
    {
        Random random = GradeTime.Random();
        Network network = DrawNetwork(random);
        string dir = FileAssertions.NewFolder("kata-holdout-");
        try
        {
            string path = Path.Combine(dir, "documented.nnet");
            File.WriteAllBytes(path, Documented(network));

            Network loaded = NetworkFile.Load(path);

            ShouldBeTheSame(loaded, network);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Grades("NetworkFile.Save", "NetworkFile.Load")]
    [Test]
    public void A_drawn_network_survives_Save_then_Load_bit_for_bit()
    {
        Random random = GradeTime.Random();
        Network network = DrawNetwork(random);
        string dir = FileAssertions.NewFolder("kata-holdout-");
        try
        {
            string path = Path.Combine(dir, "round.nnet");
            File.WriteAllText(path, "an older file that Save should replace");

            NetworkFile.Save(network, path);
            Network loaded = NetworkFile.Load(path);

            ShouldBeTheSame(loaded, network);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Grades("NetworkFile.Load")]
    [TestCase("checksum", TestName = "Load_rejects_a_drawn_file_with_a_drawn_bit_flipped_after_its_header_and_says_checksum")]
    [TestCase("truncated", TestName = "Load_rejects_a_drawn_file_cut_at_a_drawn_length_and_says_truncated")]
    [TestCase("version", TestName = "Load_rejects_a_drawn_file_of_a_drawn_other_version_and_says_version")]
    [TestCase("magic", TestName = "Load_rejects_a_drawn_file_with_drawn_other_magic_letters_and_says_magic")]
    public void Load_rejects_a_damaged_drawn_file(string mustSay)
    {
        Random random = GradeTime.Random();
        Network network = DrawNetwork(random);
        byte[] bytes = Documented(network);
        int header = 16 + (4 * network.LayerSizes.Count);
        switch (mustSay)
        {
            case "checksum":
                bytes[GradeTime.Between(random, header, bytes.Length - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case "truncated":
                bytes = bytes[..GradeTime.Between(random, 16, bytes.Length - 1)];
                break;
            case "version":
                int version = random.Next(2) == 0 ? GradeTime.Between(random, 2, 1000) : -GradeTime.Between(random, 0, 1000);
                bytes = Documented(network, version);
                break;
            default:
                string magic;
                do
                {
                    magic = new string([.. Enumerable.Range(0, 4).Select(_ => (char)('A' + random.Next(26)))]);
                }
                while (magic == "NNET");

                Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);
                break;
        }

        string dir = FileAssertions.NewFolder("kata-holdout-");
        try
        {
            string path = Path.Combine(dir, "damaged.nnet");
            File.WriteAllBytes(path, bytes);

            FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, mustSay);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_rejects_a_drawn_file_with_drawn_bytes_after_its_checksum_and_says_damaged()
    {
        Random random = GradeTime.Random();
        byte[] extra = new byte[GradeTime.Between(random, 1, 40)];
        random.NextBytes(extra);
        string dir = FileAssertions.NewFolder("kata-holdout-");
        try
        {
            string path = Path.Combine(dir, "longer.nnet");
            File.WriteAllBytes(path, [.. Documented(DrawNetwork(random)), .. extra]);

            FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "damaged");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Grades("NetworkFile.Save", "NetworkFile.Load")]
    [Test]
    public void A_network_of_the_graded_size_survives_the_file_bit_for_bit()
    {
        Network network = TestNetworks.Random([784, 32, 10], Activation.ReLU, seed: 991);
        string path = Path.Combine(Path.GetTempPath(), $"kata-holdout-{Guid.NewGuid():N}.nnet");
        try
        {
            NetworkFile.Save(network, path);
            new FileInfo(path).Length.ShouldBe(16 + (4 * 3) + (8 * ((784 * 32) + 32 + (32 * 10) + 10)) + 32, "the documented length");
            Network loaded = NetworkFile.Load(path);

            loaded.Weights[0].ShouldMatch(network.Weights[0], 0);
            loaded.Weights[1].ShouldMatch(network.Weights[1], 0);
            loaded.Biases[1].ShouldBe(network.Biases[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Grades("NetworkFile.Load")]
    [Test]
    public void Load_rejects_a_file_with_bytes_after_its_checksum_and_says_damaged()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kata-holdout-{Guid.NewGuid():N}.nnet");
        try
        {
            NetworkFile.Save(TestNetworks.Random([3, 4, 2], Activation.Sigmoid, seed: 992), path);
            File.AppendAllText(path, "extra");

            FileAssertions.ShouldRejectFile(() => NetworkFile.Load(path), path, "damaged");
        }
        finally
        {
            File.Delete(path);
        }
    }

    // The rule of EarlyStopping.Train worked out on the curve: the epochs that run and the best of them.
    private static (int Epochs, int Best) ExpectedRun(double[] curve, int maxEpochs, int patience)
    {
        double best = double.NegativeInfinity;
        int bestEpoch = 0, epoch = 0;
        while (epoch < maxEpochs)
        {
            epoch++;
            if (curve[epoch - 1] > best)
            {
                best = curve[epoch - 1];
                bestEpoch = epoch;
            }
            else if (epoch - bestEpoch >= patience)
            {
                break;
            }
        }

        return (epoch, bestEpoch);
    }

    // 2 to 4 layer sizes of 1 to 9, sigmoid or ReLU; weights and biases drawn, some of them numbers that
    // text would round or lose: subnormals, −0, and very large and very small magnitudes.
    private static Network DrawNetwork(Random random)
    {
        int[] sizes = [.. Enumerable.Range(0, GradeTime.Between(random, 2, 4)).Select(_ => GradeTime.Between(random, 1, 9))];
        var weights = new Matrix[sizes.Length - 1];
        var biases = new double[sizes.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = new Matrix(sizes[l], sizes[l + 1], [.. Enumerable.Range(0, sizes[l] * sizes[l + 1]).Select(_ => DrawValue(random))]);
            biases[l] = [.. Enumerable.Range(0, sizes[l + 1]).Select(_ => DrawValue(random))];
        }

        return new Network(weights, biases, random.Next(2) == 0 ? Activation.Sigmoid : Activation.ReLU);
    }

    private static double DrawValue(Random random) => random.Next(8) switch
    {
        0 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 1L << 52)) * (random.Next(2) == 0 ? -1 : 1), // subnormal
        1 => -0.0,
        2 => GradeTime.Number(random, -1, 1) * Math.Pow(10, GradeTime.Between(random, -300, 300)),
        _ => GradeTime.Number(random),
    };

    private static void ShouldBeTheSame(Network loaded, Network network)
    {
        string what = $"a {string.Join('-', network.LayerSizes)} {network.HiddenActivation} network";
        loaded.ShouldNotBeNull();
        loaded.LayerSizes.ShouldBe(network.LayerSizes, $"the layer sizes of {what}");
        loaded.HiddenActivation.BuiltIn.ShouldBe(network.HiddenActivation.BuiltIn, $"the hidden activation of {what}");
        for (int l = 0; l < network.LayerCount; l++)
        {
            Bits(loaded.Weights[l].Data).ShouldBe(Bits(network.Weights[l].Data), $"every weight of layer {l} of {what}, bit for bit");
            Bits(loaded.Biases[l]).ShouldBe(Bits(network.Biases[l]), $"every bias of layer {l} of {what}, bit for bit");
        }
    }

    // The format of checkpoints.md#9-all-ten-digits, written here byte by byte, independently of the learner's code.
    private static byte[] Documented(Network network, int version = 1)
    {
        var bytes = new List<byte>();
        bytes.AddRange("NNET"u8.ToArray());
        bytes.AddRange(Int32(version));
        bytes.AddRange(Int32(network.HiddenActivation.BuiltIn == Activation.ReLU ? 1 : 0));
        bytes.AddRange(Int32(network.LayerSizes.Count));
        foreach (int size in network.LayerSizes)
        {
            bytes.AddRange(Int32(size));
        }

        for (int l = 0; l < network.LayerCount; l++)
        {
            foreach (double value in network.Weights[l].Data.Concat(network.Biases[l]))
            {
                long bits = BitConverter.DoubleToInt64Bits(value);
                bytes.AddRange(Enumerable.Range(0, 8).Select(i => (byte)(bits >> (8 * i))));
            }
        }

        bytes.AddRange(SHA256.HashData([.. bytes]));
        return [.. bytes];

        static IEnumerable<byte> Int32(int value) => Enumerable.Range(0, 4).Select(i => (byte)(value >> (8 * i)));
    }

    private static string Field(int offset, int sizes, int length) => offset switch
    {
        < 0 => "none",
        < 4 => "the magic \"NNET\"",
        < 8 => "the version",
        < 12 => "the activation",
        < 16 => "the number of layer sizes",
        _ when offset < 16 + (4 * sizes) => "the layer sizes",
        _ when offset >= length - 32 => "the checksum",
        _ => "the weights and biases",
    };

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    /// <summary>
    /// A scripted run of EarlyStopping.Train on a network of drawn sizes: "training" epoch e sets
    /// parameter k of the network, in place, to 1000·e + k, and the validation accuracy after epoch e is
    /// the curve's e-th value. The parameters left in the network tell which epoch's were kept, all of them.
    /// </summary>
    private sealed class ScriptedRun
    {
        private ScriptedRun(Network network, List<string> events, List<double> returned, double[] curve)
        {
            Network = network;
            Events = events;
            Returned = returned;
            Curve = curve;
        }

        public Network Network { get; }

        public List<string> Events { get; }

        public List<double> Returned { get; }

        public double[] Curve { get; }

        public static ScriptedRun Run(int[] sizes, double[] curve, int maxEpochs, int patience)
        {
            var network = new Network(
                [.. Enumerable.Range(0, sizes.Length - 1).Select(l => new Matrix(sizes[l], sizes[l + 1]))],
                [.. Enumerable.Range(0, sizes.Length - 1).Select(l => new double[sizes[l + 1]])]);
            var events = new List<string>();
            int trained = 0;
            void TrainEpoch(int epoch)
            {
                events.Add($"train {epoch}");
                trained = epoch;
                int k = 0;
                for (int l = 0; l < network.LayerCount; l++)
                {
                    for (int i = 0; i < network.Weights[l].Data.Length; i++)
                    {
                        network.Weights[l].Data[i] = (1000.0 * epoch) + k++;
                    }

                    for (int j = 0; j < network.Biases[l].Length; j++)
                    {
                        network.Biases[l][j] = (1000.0 * epoch) + k++;
                    }
                }
            }

            double Validate()
            {
                events.Add("validate");
                return curve[trained - 1];
            }

            List<double> returned = EarlyStopping.Train(network, TrainEpoch, Validate, maxEpochs, patience);
            return new ScriptedRun(network, events, returned, curve);
        }

        public void ShouldHaveRunAsScripted(int epochs, int bestEpoch, string why)
        {
            string[] expectedEvents = [.. Enumerable.Range(1, epochs).SelectMany(e => new[] { $"train {e}", "validate" })];
            Events.ShouldBe(expectedEvents, Case.Sensitive, $"each epoch, numbered from 1, is trained and then validated; {epochs} epochs should run ({why})");
            Returned.ShouldNotBeNull("Train returns the validation accuracy of every epoch that ran");
            Returned.ShouldBe(Curve[..epochs], 0.0, $"the validation accuracy of each epoch that ran ({why})");

            int k = 0;
            for (int l = 0; l < Network.LayerCount; l++)
            {
                double[] weights = [.. Enumerable.Range(0, Network.Weights[l].Data.Length).Select(_ => (1000.0 * bestEpoch) + k++)];
                double[] biases = [.. Enumerable.Range(0, Network.Biases[l].Length).Select(_ => (1000.0 * bestEpoch) + k++)];
                Network.Weights[l].Data.ShouldBe(weights, $"the weights of layer {l} should be those of the best epoch, {bestEpoch}, copied when it ran ({why})");
                Network.Biases[l].ShouldBe(biases, $"the biases of layer {l} should be those of the best epoch, {bestEpoch}, copied when it ran ({why})");
            }
        }
    }
}
