using BenchmarkDotNet.Attributes;
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
