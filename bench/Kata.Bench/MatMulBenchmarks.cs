using BenchmarkDotNet.Attributes;

namespace Kata.Bench;

/// <summary>Square matrix products from 64² to 1024².</summary>
[Config(typeof(ProductConfig))]
public class MatMulBenchmarks : ProductBenchmarks
{
    [Params(64, 128, 256, 512, 1024)]
    public int N { get; set; } = 64;

    protected override (int N, int K, int M) Dimensions => (N, N, N);
}
