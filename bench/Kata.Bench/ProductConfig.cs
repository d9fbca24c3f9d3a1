using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Kata.Core;

namespace Kata.Bench;

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
