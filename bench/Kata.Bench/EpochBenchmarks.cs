using BenchmarkDotNet.Attributes;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// One training epoch of the MLP (784-128-5 ReLU, batches of 64, learning rate 0.5, the 30,596
/// training images of digits 0–4 in file order) with each kernel: the track's Train with the network's
/// MatMul set to the kernel, and ("step") checkpoint 12's FastTraining.Train. A new network for every
/// epoch, so every epoch does the same work.
/// </summary>
[Config(typeof(EpochConfig))]
public class EpochBenchmarks
{
    private readonly Mlp mlp = Mlp.Standard(epochs: 1);
    private Dataset train = null!;
    private Network network = null!;

    [Params("naive", "clear", "fast", "step")]
    public string Kernel { get; set; } = "fast";

    [GlobalSetup]
    public void ReadMnist() => train = Mlp.LoadData().Train;

    [IterationSetup]
    public void NewNetwork() => network = mlp.NewNetwork(Kernel == "step" ? FastLinearAlgebra.MatMul : Kernels.Named(Kernel));

    [Benchmark]
    public List<double> Epoch() => Kernel == "step"
        ? FastTraining.Train(network, train.Images, train.Labels, mlp.LearningRate, epochs: 1, mlp.BatchSize)
        : network.Train(train.Images, train.Labels, mlp.LearningRate, epochs: 1, mlp.BatchSize);
}
