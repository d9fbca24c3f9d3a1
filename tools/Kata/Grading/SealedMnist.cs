using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Kata.Cli.Grading;

/// <summary>
/// MNIST as the grader holds it: the real files (checked against their published SHA-256), the labels the
/// sandbox never sees, and the sealed set the sandbox does see — the training set, the t10k images and,
/// for each graded run's digits, training labels relabelled by a permutation only the grader knows (the
/// control run). Graded runs are judged here, outside the sandbox (<see cref="Check"/>).
/// </summary>
public sealed class SealedMnist
{
    private const int LabelsMagic = 2049; // an IDX label file

    private readonly byte[] _trainLabels;
    private readonly byte[] _testLabels;
    private readonly byte[] _testImages;

    private SealedMnist(MnistPaths real, byte[] trainLabels, byte[] testLabels, byte[] testImages)
    {
        Real = real;
        _trainLabels = trainLabels;
        _testLabels = testLabels;
        _testImages = testImages;
    }

    /// <summary>The real, checked files.</summary>
    public MnistPaths Real { get; }

    /// <summary>Reads and checks MNIST (from $MNIST_DIR or the cache).</summary>
    /// <exception cref="MnistDataException">A file is missing or damaged.</exception>
    public static SealedMnist Load()
    {
        MnistPaths real = MnistData.Locate();
        return new SealedMnist(real, Body(real.TrainLabels, 8), Body(real.TestLabels, 8), Body(real.TestImages, 16));
    }

    /// <summary>
    /// Writes the control labels for one submission into <paramref name="directory"/> and returns the files
    /// the sandbox gets. The permutation of each settings' digits is a derangement (no digit keeps its
    /// class) drawn from <paramref name="key"/> and <paramref name="submissionHash"/>: the same
    /// submission always gets the same control, and a learner cannot know it in advance when the
    /// instructor sets a secret key.
    /// </summary>
    public IReadOnlyList<SandboxFile> Seal(string directory, Curriculum curriculum, string key, string submissionHash)
    {
        Directory.CreateDirectory(directory);

        // Copies, not the instructor's files themselves: the sandbox's user may not be able to read those.
        var files = new List<SandboxFile>();
        foreach (string real in (string[])[Real.TrainImages, Real.TrainLabels, Real.TestImages])
        {
            string copy = Path.Combine(directory, Path.GetFileName(real));
            File.Copy(real, copy, overwrite: true);
            files.Add(new SandboxFile(copy, Path.GetFileName(real)));
        }

        foreach (string settingsKey in GradedRunSpec.All.Select(s => s.SettingsKey).Distinct(StringComparer.Ordinal))
        {
            MnistSettings settings = GradedRunSpec.All.First(s => s.SettingsKey == settingsKey).Settings(curriculum);
            int[] permutation = Permutation(settings, key, submissionHash, settingsKey);

            // Label d of the chosen digits becomes digits[permutation[index of d]]; other digits stay.
            byte[] relabelled = new byte[8 + _trainLabels.Length];
            BinaryPrimitives.WriteInt32BigEndian(relabelled.AsSpan(0, 4), LabelsMagic);
            BinaryPrimitives.WriteInt32BigEndian(relabelled.AsSpan(4, 4), _trainLabels.Length);
            for (int i = 0; i < _trainLabels.Length; i++)
            {
                int at = IndexOf(settings.Digits, _trainLabels[i]);
                relabelled[8 + i] = (byte)(at < 0 ? _trainLabels[i] : settings.Digits[permutation[at]]);
            }

            string name = MnistData.ControlLabelsName(settingsKey);
            File.WriteAllBytes(Path.Combine(directory, name), relabelled);
            files.Add(new SandboxFile(Path.Combine(directory, name), name));
        }

        return files;
    }

    /// <summary>
    /// Judges a graded run from the copies of its report that arrived: exactly one, of a network of the
    /// graded shape, trained for the right number of batches, whose predictions are that network's own
    /// (recomputed here), above the threshold on the t10k digits, and whose control run learned the
    /// relabelled digits.
    /// </summary>
    /// <remarks>
    /// The control run's relabelling is drawn again from <paramref name="key"/> and
    /// <paramref name="submissionHash"/>, as <see cref="Seal"/> drew it: nothing of one grade is kept in
    /// this object, which every grade of a session shares, however many run at once.
    /// </remarks>
    public GradedRunDecision Check(GradedRunSpec spec, Curriculum curriculum, IReadOnlyList<string>? copies, string key, string submissionHash)
    {
        ArgumentNullException.ThrowIfNull(spec);
        MnistSettings settings = spec.Settings(curriculum);
        GradedRunReport? report = GradedRunReports.Single<GradedRunReport>(copies, "trained and predicted", out string? unread);
        if (unread is not null)
        {
            return new(false, null, unread);
        }

        if (report is null || (spec.Control && report.Control is null))
        {
            return new(false, null, "The graded run's report is incomplete.");
        }

        int[] digits = [.. settings.Digits];
        int available = _trainLabels.Count(label => IndexOf(settings.Digits, label) >= 0) - settings.ValidationImages;
        (_, int trained) = spec.Slice(available, settings);
        if (Problem(report, settings, trained, "the graded network") is { } problem)
        {
            return new(false, null, problem);
        }

        double accuracy = Accuracy(report.Predictions, digits, d => d);
        string result = string.Create(CultureInfo.InvariantCulture, $"{accuracy:P2} of the {Count(digits):N0} test images right (accuracy {accuracy:F4}, needs more than {settings.Threshold:F2})");
        if (!(accuracy > settings.Threshold))
        {
            return new(false, accuracy, $"Your network classified {result}.");
        }

        if (!spec.Control)
        {
            return new(true, accuracy, $"Your network classified {result}.");
        }

        int[] permutation = Permutation(settings, key, submissionHash, spec.SettingsKey);
        if (Problem(report.Control!, settings, spec.Slice(available, settings with { TrainingImages = GradedRunSpec.ControlImages }).Count, "the control network") is { } controlProblem)
        {
            return new(false, accuracy, controlProblem);
        }

        double control = Accuracy(report.Control!.Predictions, digits, d => digits[permutation[Array.IndexOf(digits, d)]]);
        return control >= GradedRunSpec.ControlThreshold
            ? new(true, accuracy, $"Your network classified {result}; the control run learned relabelled digits ({control:P1}).")
            : new(false, accuracy, string.Create(
                CultureInfo.InvariantCulture,
                $"Your network classified {result}, but a control run on the same images with the digits relabelled reached only {control:P1} (needs {GradedRunSpec.ControlThreshold:P0}): the training does not learn from the labels it is given."));
    }

    // Why the report of a run is not what the graded settings produce, or null.
    private string? Problem(GradedRunReport run, MnistSettings settings, int samples, string what)
    {
        int[] sizes = settings.LayerSizes;
        if (run.LayerSizes is null || !run.LayerSizes.SequenceEqual(sizes) || !string.Equals(run.Activation, settings.Activation, StringComparison.OrdinalIgnoreCase))
        {
            return $"The report of {what} is not a {string.Join('-', sizes)} {settings.Activation} network.";
        }

        if (run.Weights is not { } weights || run.Biases is not { } biases || weights.Count != sizes.Length - 1 || biases.Count != sizes.Length - 1
            || Enumerable.Range(0, sizes.Length - 1).Any(l => weights[l]?.Length != sizes[l] * sizes[l + 1] || biases[l]?.Length != sizes[l + 1])
            || weights.Any(w => w.Any(v => !double.IsFinite(v))) || biases.Any(b => b.Any(v => !double.IsFinite(v))))
        {
            return $"The weights and biases of {what} do not have the network's shapes, or are not finite numbers.";
        }

        // Early stopping (settings with patience) may end before the last epoch; a plain run never does.
        bool epochsFit = settings.Patience > 0 ? run.Epochs >= 1 && run.Epochs <= settings.Epochs : run.Epochs == settings.Epochs;
        int expected = GradedRunSpec.ExpectedLosses(samples, run.Epochs, settings);
        if (!epochsFit || run.Losses is null || run.Losses.Count != expected || run.Losses.Any(l => !double.IsFinite(l)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Train returned {run.Losses?.Count ?? 0} losses in {run.Epochs} epoch(s) for {what}; training {samples:N0} images for {settings.Epochs} epoch(s) in batches of {settings.BatchSize} takes {GradedRunSpec.ExpectedLosses(samples, settings.Epochs, settings):N0} steps, each with a finite loss.");
        }

        int images = _testLabels.Length;
        if (run.Predictions is null || run.Predictions.Count != images || run.Predictions.Any(p => p < 0 || p >= sizes[^1]))
        {
            return $"The report of {what} does not hold one class from 0 to {sizes[^1] - 1} for each of the {images:N0} test images.";
        }

        int differ = Enumerable.Range(0, images).Count(i => Predict(weights, biases, sizes, settings.Activation, i) != run.Predictions[i]);
        return differ > images / 100
            ? string.Create(CultureInfo.InvariantCulture, $"Your Predict's answers for {what} differ from the class with the largest score of that network on {differ:N0} of the {images:N0} test images.")
            : null;
    }

    // The grader's own forward pass over t10k image i, with double arithmetic: the class with the largest score.
    private int Predict(IReadOnlyList<double[]> weights, IReadOnlyList<double[]> biases, int[] sizes, string activation, int image)
    {
        double[] a = new double[sizes[0]];
        for (int p = 0; p < a.Length; p++)
        {
            a[p] = _testImages[(image * sizes[0]) + p] / 255.0;
        }

        for (int l = 0; l < sizes.Length - 1; l++)
        {
            double[] z = (double[])biases[l].Clone();
            for (int i = 0; i < sizes[l]; i++)
            {
                double ai = a[i];
                if (ai == 0)
                {
                    continue;
                }

                int row = i * sizes[l + 1];
                for (int j = 0; j < z.Length; j++)
                {
                    z[j] += ai * weights[l][row + j];
                }
            }

            if (l < sizes.Length - 2)
            {
                for (int j = 0; j < z.Length; j++)
                {
                    z[j] = Activate(activation, z[j]);
                }
            }

            a = z;
        }

        int best = 0;
        for (int j = 1; j < a.Length; j++)
        {
            if (a[j] > a[best])
            {
                best = j;
            }
        }

        return best;
    }

    private static double Activate(string activation, double z) => activation.ToUpperInvariant() switch
    {
        "RELU" => z > 0 ? z : 0,
        "SIGMOID" => 1 / (1 + Math.Exp(-z)),
        "TANH" => Math.Tanh(z),
        "LEAKYRELU" => z > 0 ? z : 0.01 * z,
        _ => throw new InvalidOperationException($"The grader does not know the activation {activation}."),
    };

    // The fraction of t10k images of the digits whose prediction is the class expected for their label.
    private double Accuracy(IReadOnlyList<int> predictions, int[] digits, Func<int, int> expectedDigit)
    {
        int total = 0, right = 0;
        for (int i = 0; i < _testLabels.Length; i++)
        {
            if (Array.IndexOf(digits, (int)_testLabels[i]) is var at && at >= 0)
            {
                total++;
                right += predictions[i] == Array.IndexOf(digits, expectedDigit(_testLabels[i])) ? 1 : 0;
            }
        }

        return total == 0 ? 0 : (double)right / total;
    }

    private int Count(int[] digits) => _testLabels.Count(label => Array.IndexOf(digits, (int)label) >= 0);

    private static int IndexOf(IReadOnlyList<int> digits, int label)
    {
        for (int i = 0; i < digits.Count; i++)
        {
            if (digits[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    // A permutation of 0..n-1 in which nothing stays in place, drawn deterministically from the seed text.
    // The control run's relabelling of one graded run's digits, for one submission.
    private static int[] Permutation(MnistSettings settings, string key, string submissionHash, string settingsKey) =>
        Derangement(settings.Digits.Count, $"{key}\n{submissionHash}\n{settingsKey}");

    private static int[] Derangement(int n, string seedText)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seedText)), 0));
        int[] order = [.. Enumerable.Range(0, n)];
        do
        {
            random.Shuffle(order);
        }
        while (order.Where((to, from) => to == from).Any());

        return order;
    }

    // The bytes after an IDX file's header, gunzipped when needed (the files were checked already).
    private static byte[] Body(string path, int header)
    {
        using Stream file = File.OpenRead(path);
        using Stream data = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var all = new MemoryStream();
        data.CopyTo(all);
        return all.ToArray()[header..];
    }
}
