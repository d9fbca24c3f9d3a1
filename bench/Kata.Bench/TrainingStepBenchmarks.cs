using BenchmarkDotNet.Attributes;

namespace Kata.Bench;

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
