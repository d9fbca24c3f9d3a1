using System.Diagnostics;
using Kata.Core;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// The benchmark's convolutional network, checkpoint 10's as <c>./kata train --model cnn</c> trains it:
/// <paramref name="Filters"/> filters of <paramref name="KernelSize"/> x KernelSize, ReLU, 2x2 max-pooling,
/// dense layers, on the first <paramref name="Images"/> MNIST training images of all ten digits in file
/// order; the test accuracy on all 10,000 test images.
/// </summary>
internal sealed record Cnn(int Filters, int KernelSize, int[] Hidden, int BatchSize, double LearningRate, int Epochs, int Images, int Seed)
{
    /// <summary>The input images: 28x28, one channel.</summary>
    public static readonly ImageShape Input = new(28, 28, 1);

    /// <summary>The C# runs of vs-numpy --model cnn: a name for --kernels and what it is.</summary>
    public static IReadOnlyList<(string Run, string What)> Runs { get; } =
    [
        ("clear", "checkpoint 10's ConvNetwork.Train (minutes per epoch)"),
        ("step", "checkpoint 12's FastTraining.TrainConv (im2col on the fast product)"),
    ];

    /// <summary>"conv 16 x 5x5 → ReLU → max-pool → 2304-128-10 ReLU, batches of 32, …".</summary>
    public string Describe() => FormattableString.Invariant(
        $"conv {Filters} x {KernelSize}x{KernelSize} → ReLU → max-pool → {string.Join('-', NewNetwork().Dense.LayerSizes)} ReLU, batches of {BatchSize}, learning rate {LearningRate}, {Epochs} epoch{(Epochs == 1 ? string.Empty : "s")}, seed {Seed}, the first {Images:N0} MNIST training images in file order");

    /// <summary>A new network with this CNN's initial weights (the seed's, as ./kata train --model cnn draws them).</summary>
    public ConvNetwork NewNetwork() => new(Input, Filters, KernelSize, Hidden, 10, Seed);

    /// <summary>All ten digits: the first <see cref="Images"/> training images and the 10,000 test images, read with the track's reader.</summary>
    public (Dataset Train, Dataset Test, string Folder) LoadData()
    {
        MnistPaths files = MnistData.Locate();
        int[] digits = [.. Enumerable.Range(0, 10)];
        Dataset all = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        int n = Math.Min(Images, all.Count);
        var train = new Dataset(new Matrix(n, all.Images.Cols, all.Images.Data[..(n * all.Images.Cols)]), all.Labels[..n]);
        return (train, Mnist.Load(files.TestImages, files.TestLabels, digits), files.Directory);
    }

    /// <summary>The numpy script and its arguments for this CNN, the initial weights in <paramref name="weights"/>.</summary>
    public (string Script, string[] Arguments) Numpy(string folder, string weights) =>
    (
        "cnn_numpy.py",
        [
            "--mnist", folder, "--filters", Invariant(Filters), "--kernel", Invariant(KernelSize), "--layers", string.Join(',', NewNetwork().Dense.LayerSizes),
            "--images", Invariant(Images), "--learning-rate", Invariant(LearningRate), "--batch-size", Invariant(BatchSize), "--weights", weights,
        ]);

    /// <summary>A new network trained epoch by epoch with <paramref name="run"/> (one of <see cref="Runs"/>).</summary>
    public Contender Contender(string run, Dataset train, Dataset test)
    {
        ConvNetwork network = NewNetwork();
        bool fast = run == "step";
        return new Contender(fast ? "C# fast step" : $"C# {run}", isNumpy: false, () =>
        {
            var clock = Stopwatch.StartNew();
            if (fast)
            {
                FastTraining.TrainConv(network, train.Images, train.Labels, LearningRate, epochs: 1, BatchSize);
            }
            else
            {
                network.Train(train.Images, train.Labels, LearningRate, epochs: 1, BatchSize);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            int[] predicted = fast ? FastTraining.PredictConv(network, test.Images) : PredictInChunks(network, test.Images);
            return (seconds, (double)predicted.Where((p, i) => p == test.Labels[i]).Count() / test.Count);
        });
    }

    /// <summary>Writes the initial parameters as float64 little-endian: kernels (row by row), their biases, then W0, b0, W1, b1, ….</summary>
    public void WriteInitialWeights(string path)
    {
        ConvNetwork network = NewNetwork();
        using var file = new BinaryWriter(File.Create(path));
        foreach (double[] values in (IEnumerable<double[]>)[network.Conv.Kernels.Data, network.Conv.Biases, .. network.Dense.Weights.SelectMany((w, l) => new[] { w.Data, network.Dense.Biases[l] })])
        {
            foreach (double value in values)
            {
                file.Write(value);
            }
        }
    }

    // ConvNetwork.Predict 1,000 images at a time: im2col of all 10,000 would take gigabytes.
    private static int[] PredictInChunks(ConvNetwork network, Matrix images) =>
        [.. Enumerable.Range(0, (images.Rows + 999) / 1000).SelectMany(c =>
        {
            int start = c * 1000, rows = Math.Min(1000, images.Rows - start);
            return network.Predict(new Matrix(rows, images.Cols, images.Data[(start * images.Cols)..((start + rows) * images.Cols)]));
        })];

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
