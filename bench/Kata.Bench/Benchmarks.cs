using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Kata.Core;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// The product A·B (n x k times k x m) by the naive triple loop (the baseline), checkpoint 1's MatMul and
/// checkpoint 12's; the classes below choose the shapes.
/// </summary>
public abstract class ProductBenchmarks
{
    private Matrix a = null!;
    private Matrix b = null!;

    /// <summary>n, k and m of the product being measured.</summary>
    protected abstract (int N, int K, int M) Dimensions { get; }

    [GlobalSetup]
    public void CreateMatrices()
    {
        (int n, int k, int m) = Dimensions;
        a = Kernels.Random(n, k, 1);
        b = Kernels.Random(k, m, 2);
    }

    [Benchmark(Baseline = true)]
    public Matrix Naive() => Kernels.Naive(a, b);

    [Benchmark]
    public Matrix Clear() => LinearAlgebra.MatMul(a, b);

    [Benchmark]
    public Matrix Fast() => FastLinearAlgebra.MatMul(a, b);
}

/// <summary>Square matrix products from 64² to 1024².</summary>
[Config(typeof(ProductConfig))]
public class MatMulBenchmarks : ProductBenchmarks
{
    [Params(64, 128, 256, 512, 1024)]
    public int N { get; set; } = 64;

    protected override (int N, int K, int M) Dimensions => (N, N, N);
}

/// <summary>
/// The two large products of a training step of the 784-128-5 MLP with batches of 64: 64x784 · 784x128
/// forward and 784x64 · 64x128 for the gradient of the first weights. Shapes are "n x k x m".
/// </summary>
[Config(typeof(ProductConfig))]
public class TrainingStepBenchmarks : ProductBenchmarks
{
    [Params("64x784x128", "784x64x128")]
    public string Shape { get; set; } = "64x784x128";

    protected override (int N, int K, int M) Dimensions => ProductShape.Parse(Shape);
}

/// <summary>
/// One training epoch of the MLP (784-128-5 ReLU, batches of 64, learning rate 0.5, the 30,596
/// training images of digits 0–4 in file order) with each kernel: the track's Train with the network's
/// MatMul set to the kernel. A new network for every epoch, so every epoch does the same work.
/// </summary>
[Config(typeof(EpochConfig))]
public class EpochBenchmarks
{
    private readonly Mlp mlp = Mlp.Standard(epochs: 1);
    private Dataset train = null!;
    private Network network = null!;

    [Params("naive", "clear", "fast")]
    public string Kernel { get; set; } = "fast";

    [GlobalSetup]
    public void ReadMnist() => train = Mlp.LoadData().Train;

    [IterationSetup]
    public void NewNetwork() => network = mlp.NewNetwork(Kernels.Named(Kernel));

    [Benchmark]
    public List<double> Epoch() => network.Train(train.Images, train.Labels, mlp.LearningRate, epochs: 1, mlp.BatchSize);
}

/// <summary>n x k x m from "64x784x128".</summary>
internal static class ProductShape
{
    public static (int N, int K, int M) Parse(string shape)
    {
        int[] sizes = [.. shape.Split('x').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        return (sizes[0], sizes[1], sizes[2]);
    }
}

/// <summary>In this process (no separate build), five measured iterations; results in artifacts/bench.</summary>
public class ProductConfig : ManualConfig
{
    public ProductConfig()
        : this(warmups: 2, iterations: 5)
    {
    }

    protected ProductConfig(int warmups, int iterations)
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(iterations));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, new GflopsColumn(best: true), new GflopsColumn(best: false));
        ArtifactsPath = Path.Combine(KataPaths.Root, "artifacts", "bench");
    }
}

/// <summary>Epochs take from 0.1 s to a minute: one warm-up and three measured epochs each.</summary>
public class EpochConfig() : ProductConfig(warmups: 1, iterations: 3);

/// <summary>GFLOP/s of a product benchmark: 2·n·k·m floating-point operations over its best or median time.</summary>
internal sealed class GflopsColumn(bool best) : IColumn
{
    public string Id => $"{nameof(GflopsColumn)}.{(best ? "Best" : "Median")}";

    public string ColumnName => best ? "GFLOP/s best" : "GFLOP/s median";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => best ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"2·n·k·m / {(best ? "fastest" : "median")} time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name is nameof(MatMulBenchmarks.N) or nameof(TrainingStepBenchmarks.Shape)));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        object? size = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name is nameof(MatMulBenchmarks.N) or nameof(TrainingStepBenchmarks.Shape))?.Value;
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics || size is null)
        {
            return "-";
        }

        (int n, int k, int m) = size is int square ? (square, square, square) : ProductShape.Parse((string)size);
        double nanoseconds = best ? statistics.Min : statistics.Median;
        return (2.0 * n * k * m / nanoseconds).ToString("F1", CultureInfo.InvariantCulture); // flops per ns = GFLOP/s
    }
}
