using System.Globalization;
using System.Security.Cryptography;

namespace Kata.Core;

/// <summary>
/// Where the MNIST files are and whether they are the published ones. The tests, the training
/// program and <c>./kata data</c> all use this, so they agree on the folder and on the checks:
/// the folder is <c>$MNIST_DIR</c> when it is set, else the git-ignored cache <c>data/mnist</c> that
/// <c>./kata data</c> fills. Nothing here downloads anything.
/// </summary>
public static class MnistData
{
    /// <summary>The environment variable that points at a folder holding the four files.</summary>
    public const string DirectoryVariable = "MNIST_DIR";

    /// <summary>Set to 1 by the grader when $MNIST_DIR is its sealed folder (<see cref="SealedMnistPaths"/>).</summary>
    public const string SealedVariable = "KATA_MNIST_SEALED";

    /// <summary>The control run's training labels in the sealed folder, for the graded runs of one settings object.</summary>
    public static string ControlLabelsName(string settingsKey) => $"train-labels-control-{settingsKey}-idx1-ubyte";

    /// <summary>True when the grader runs the tests with the t10k labels withheld.</summary>
    public static bool IsSealed => Environment.GetEnvironmentVariable(SealedVariable) is "1";

    /// <summary>The grader's sealed folder ($MNIST_DIR), whose files the grader has already checked.</summary>
    /// <exception cref="MnistDataException">A file is missing.</exception>
    public static SealedMnistPaths LocateSealed(string settingsKey)
    {
        string control = ControlLabelsName(settingsKey);
        string dir = DataDirectory;
        string Need(string? path, string name) => path ?? throw new MnistDataException($"The grader's MNIST folder {dir} has no {name}: this is a fault of the grader, not of your code.");
        return new SealedMnistPaths(
            dir,
            Need(Find(dir, TrainImages), TrainImages.Name),
            Need(Find(dir, TrainLabels), TrainLabels.Name),
            Need(Find(dir, TestImages), TestImages.Name),
            Need(File.Exists(Path.Combine(dir, control)) ? Path.Combine(dir, control) : null, control));
    }

    /// <summary>The command that downloads the files into the cache.</summary>
    public const string GetCommand = "./kata data";

    /// <summary>Training images: 60,000 28x28 images.</summary>
    public static readonly MnistFile TrainImages = new(
        "train-images-idx3-ubyte.gz", 9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");

    /// <summary>Training labels: 60,000 digits.</summary>
    public static readonly MnistFile TrainLabels = new(
        "train-labels-idx1-ubyte.gz", 28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");

    /// <summary>Test images: 10,000 28x28 images (t10k).</summary>
    public static readonly MnistFile TestImages = new(
        "t10k-images-idx3-ubyte.gz", 1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");

    /// <summary>Test labels: 10,000 digits.</summary>
    public static readonly MnistFile TestLabels = new(
        "t10k-labels-idx1-ubyte.gz", 4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /// <summary>All four files, training set first.</summary>
    public static IReadOnlyList<MnistFile> Files { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The cache <c>./kata data</c> fills: <c>data/mnist</c> in the kata's root (git-ignored).</summary>
    public static string CacheDirectory => Path.Combine(KataPaths.Root, "data", "mnist");

    /// <summary>$MNIST_DIR when it is set (and not blank), else null.</summary>
    public static string? DirectoryFromEnvironment() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir && !string.IsNullOrWhiteSpace(dir)
            ? Path.GetFullPath(dir)
            : null;

    /// <summary>The folder the data is read from: $MNIST_DIR when it is set, else <see cref="CacheDirectory"/>.</summary>
    public static string DataDirectory => DirectoryFromEnvironment() ?? CacheDirectory;

    /// <summary>
    /// Finds the four files in <paramref name="directory"/> (default: <see cref="DataDirectory"/>), each
    /// gzipped or uncompressed, and checks each against its published size and SHA-256.
    /// </summary>
    /// <exception cref="MnistDataException">A file is missing, truncated or altered; the message says which and what to do.</exception>
    public static MnistPaths Locate(string? directory = null)
    {
        bool fromEnvironment = directory is null && DirectoryFromEnvironment() is not null;
        string dir = directory ?? DataDirectory;
        string fix = fromEnvironment
            ? $"point {DirectoryVariable} at a folder that holds the four MNIST files, or unset it and run `{GetCommand}`"
            : $"run `{GetCommand}`, or set {DirectoryVariable} to a folder that holds the four MNIST files";

        if (!Directory.Exists(dir))
        {
            throw new MnistDataException(fromEnvironment
                ? $"{DirectoryVariable} is set to {dir}, but there is no such folder: {fix}."
                : $"MNIST not found in {dir}: {fix}.");
        }

        string[] paths = new string[Files.Count];
        for (int i = 0; i < Files.Count; i++)
        {
            MnistFile file = Files[i];
            string? found = Find(dir, file);
            if (found is null)
            {
                throw new MnistDataException(
                    $"MNIST file {file.Name} (or {file.RawName}) is missing from {dir}: {fix}.");
            }

            if (Check(found, file) is { } problem)
            {
                throw new MnistDataException($"{problem} Run `{GetCommand}` to download it again, or point {DirectoryVariable} at a good copy.");
            }

            paths[i] = found;
        }

        return new MnistPaths(dir, paths[0], paths[1], paths[2], paths[3]);
    }

    /// <summary>The path of <paramref name="file"/> in <paramref name="directory"/>, gzipped preferred, or null.</summary>
    public static string? Find(string directory, MnistFile file)
    {
        string gz = Path.Combine(directory, file.Name), raw = Path.Combine(directory, file.RawName);
        return File.Exists(gz) ? gz : File.Exists(raw) ? raw : null;
    }

    /// <summary>
    /// Null when <paramref name="path"/> has the published size and SHA-256 of <paramref name="file"/>
    /// (gzipped or raw, by its name), else one sentence saying what is wrong.
    /// </summary>
    public static string? Check(string path, MnistFile file)
    {
        bool raw = !path.EndsWith(".gz", StringComparison.Ordinal);
        long expectedBytes = raw ? file.RawBytes : file.Bytes;
        long bytes = new FileInfo(path).Length;
        if (bytes != expectedBytes)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{path} has {bytes:N0} bytes, but the published file has {expectedBytes:N0}: it is {(bytes < expectedBytes ? "truncated" : "altered")}.");
        }

        string digest = Sha256Of(path);
        string expected = raw ? file.RawSha256 : file.Sha256;
        return digest == expected
            ? null
            : $"{path} is altered: its SHA-256 is {digest[..16]}…, but the published file's is {expected[..16]}….";
    }

    /// <summary>The SHA-256 digest of a file, as lowercase hex.</summary>
    public static string Sha256Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
