using System.Diagnostics;
using Kata.Core;
using NeuralNet;

namespace Kata.Bench;

/// <summary>The benchmark's MLP: its settings, its data and one epoch-by-epoch training run.</summary>
/// <param name="Hidden">Hidden layer sizes, e.g. [128].</param>
/// <param name="BatchSize">Samples per gradient step.</param>
/// <param name="LearningRate">The gradient-descent step size.</param>
/// <param name="Epochs">Passes over the training images, in file order.</param>
/// <param name="Seed">Seed of the initial weights.</param>
internal sealed record Mlp(int[] Hidden, int BatchSize, double LearningRate, int Epochs, int Seed)
{
    /// <summary>The digits it classifies.</summary>
    public static readonly int[] Digits = [0, 1, 2, 3, 4];

    /// <summary>784-128-5 ReLU, batches of 64, learning rate 0.5, seed 1; <paramref name="epochs"/> epochs.</summary>
    public static Mlp Standard(int epochs) => new([128], 64, 0.5, epochs, 1);

    /// <summary>Layer sizes, inputs first.</summary>
    public int[] LayerSizes => [MnistSettings.Pixels, .. Hidden, Digits.Length];

    /// <summary>"784-128-5 ReLU, batches of 64, learning rate 0.5, 5 epochs, seed 1, …".</summary>
    public string Describe() => FormattableString.Invariant(
        $"{string.Join('-', LayerSizes)} ReLU, batches of {BatchSize}, learning rate {LearningRate}, {Epochs} epoch{(Epochs == 1 ? string.Empty : "s")}, seed {Seed}, MNIST digits 0-4 in file order");

    /// <summary>The MNIST digits 0–4 (training and test), read with the track's own reader.</summary>
    public static (Dataset Train, Dataset Test, string Folder) LoadData()
    {
        MnistPaths files = MnistData.Locate();
        return (Mnist.Load(files.TrainImages, files.TrainLabels, Digits), Mnist.Load(files.TestImages, files.TestLabels, Digits), files.Directory);
    }

    /// <summary>A new network with this MLP's initial weights, multiplying with <paramref name="product"/>.</summary>
    public Network NewNetwork(Func<Matrix, Matrix, Matrix> product) =>
        new(LayerSizes, Seed, Activation.ReLU) { MatMul = product };

    /// <summary>The C# runs of vs-numpy: a name for --kernels and what it is.</summary>
    public static IReadOnlyList<(string Run, string What)> Runs { get; } =
    [
        ("naive", "checkpoint 4's Train on an i-j-k MatMul through the indexer"),
        ("clear", "checkpoint 4's Train on checkpoint 1's MatMul"),
        ("fast", "checkpoint 4's Train on checkpoint 12's FastLinearAlgebra.MatMul (the fast product)"),
        ("step", "checkpoint 12's FastTraining.Train (the fast step: beyond the product)"),
    ];

    /// <summary>The numpy script and its arguments for this MLP, the initial weights in <paramref name="weights"/>.</summary>
    public (string Script, string[] Arguments) Numpy(string folder, string weights) =>
    (
        "mlp_numpy.py",
        [
            "--mnist", folder, "--layers", string.Join(',', LayerSizes), "--digits", string.Join(',', Digits),
            "--learning-rate", FormattableString.Invariant($"{LearningRate}"), "--batch-size", FormattableString.Invariant($"{BatchSize}"), "--weights", weights,
        ]);

    /// <summary>
    /// A new network trained epoch by epoch with <paramref name="run"/> (one of <see cref="Runs"/>: the
    /// track's Train, one epoch per call — it walks the samples in order, so this is the same as one call for
    /// every epoch — or FastTraining.Train): each epoch's seconds of training and the test accuracy after it.
    /// </summary>
    public Contender Contender(string run, Dataset train, Dataset test)
    {
        string name = run switch { "fast" => "fast product", "step" => "fast step", _ => run };
        Network network = NewNetwork(run == "step" ? FastLinearAlgebra.MatMul : Kernels.Named(run));
        return new Contender($"C# {name}", isNumpy: false, () =>
        {
            var clock = Stopwatch.StartNew();
            if (run == "step")
            {
                FastTraining.Train(network, train.Images, train.Labels, LearningRate, epochs: 1, BatchSize);
            }
            else
            {
                network.Train(train.Images, train.Labels, LearningRate, epochs: 1, BatchSize);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            return (seconds, network.Accuracy(test.Images, test.Labels));
        });
    }

    /// <summary>
    /// Writes the initial weights and biases as float64 little-endian, W0 row by row, b0, W1, b1, …:
    /// the numpy half starts from exactly these.
    /// </summary>
    public void WriteInitialWeights(string path)
    {
        Network network = NewNetwork(LinearAlgebra.MatMul);
        using var file = new BinaryWriter(File.Create(path));
        for (int l = 0; l < network.LayerCount; l++)
        {
            foreach (double w in network.Weights[l].Data)
            {
                file.Write(w);
            }

            foreach (double b in network.Biases[l])
            {
                file.Write(b);
            }
        }
    }
}
