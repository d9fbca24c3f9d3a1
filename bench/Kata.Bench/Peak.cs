using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kata.Bench;

/// <summary>
/// The float peak of this machine, measured: every core runs twelve independent chains of fused
/// multiply-adds on registers only (no memory, no dependency stalls), the most its vector units can
/// do. On paper that is FMA units x lanes x 2 flops x clock x cores — for two AVX-512 cores with two
/// FMA units each, 64 flops per cycle per core — but a virtual machine hides its clock, and the clock
/// drops under 512-bit load; measuring gives the number a matrix product can actually approach.
/// </summary>
internal static class Peak
{
    private static float sink;

    /// <summary>GFLOP/s of <paramref name="threads"/> threads running fused multiply-adds for about <paramref name="seconds"/> s.</summary>
    public static double Measure(int threads, double seconds = 0.5)
    {
        Chains(1000); // compile it, and learn how long a round takes
        var clock = Stopwatch.StartNew();
        Chains(200_000);
        long rounds = Math.Max(1000, (long)(seconds / (clock.Elapsed.TotalSeconds / 200_000)));

        var workers = new Thread[threads];
        using var start = new Barrier(threads + 1);
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                Chains(rounds);
            });
            workers[t].Start();
        }

        start.SignalAndWait();
        clock.Restart();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        double flopsPerRound = 12.0 * Lanes * 2;
        return threads * rounds * flopsPerRound / clock.Elapsed.TotalSeconds / 1e9;
    }

    /// <summary>Float lanes of the vectors the probe uses: Vector512 where accelerated, else Vector&lt;float&gt;.</summary>
    public static int Lanes => Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector<float>.Count;

    /// <summary>Five measurements each on 1 and on all cores, sorted: GFLOP/s.</summary>
    public static (double[] One, double[] All) Samples() =>
        ([.. Enumerable.Range(0, 5).Select(_ => Measure(1, 0.2)).Order()], [.. Enumerable.Range(0, 5).Select(_ => Measure(Environment.ProcessorCount, 0.2)).Order()]);

    /// <summary>Best and median of five measurements on 1 and on all cores, as a sentence.</summary>
    public static string Describe() => Describe(Samples());

    /// <summary>Best and median of <paramref name="samples"/>, as a sentence.</summary>
    public static string Describe((double[] One, double[] All) samples) =>
        $"Float peak, measured (12 chains of {Lanes}-lane fused multiply-adds per core, registers only; best and median of 5): "
        + $"{samples.One[^1]:F0} and {samples.One[2]:F0} GFLOP/s on 1 core, {samples.All[^1]:F0} and {samples.All[2]:F0} GFLOP/s on {Environment.ProcessorCount}.";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Chains(long rounds)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> m = Vector512.Create(0.999f), a = Vector512.Create(1e-3f);
            Vector512<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
            for (long i = 0; i < rounds; i++)
            {
                c0 = Vector512.FusedMultiplyAdd(c0, m, a);
                c1 = Vector512.FusedMultiplyAdd(c1, m, a);
                c2 = Vector512.FusedMultiplyAdd(c2, m, a);
                c3 = Vector512.FusedMultiplyAdd(c3, m, a);
                c4 = Vector512.FusedMultiplyAdd(c4, m, a);
                c5 = Vector512.FusedMultiplyAdd(c5, m, a);
                c6 = Vector512.FusedMultiplyAdd(c6, m, a);
                c7 = Vector512.FusedMultiplyAdd(c7, m, a);
                c8 = Vector512.FusedMultiplyAdd(c8, m, a);
                c9 = Vector512.FusedMultiplyAdd(c9, m, a);
                c10 = Vector512.FusedMultiplyAdd(c10, m, a);
                c11 = Vector512.FusedMultiplyAdd(c11, m, a);
            }

            sink += (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).ToScalar();
            return;
        }

        Vector<float> vm = new(0.999f), va = new(1e-3f);
        Vector<float> d0 = vm, d1 = vm, d2 = vm, d3 = vm, d4 = vm, d5 = vm, d6 = vm, d7 = vm, d8 = vm, d9 = vm, d10 = vm, d11 = vm;
        for (long i = 0; i < rounds; i++)
        {
            d0 = Vector.FusedMultiplyAdd(d0, vm, va);
            d1 = Vector.FusedMultiplyAdd(d1, vm, va);
            d2 = Vector.FusedMultiplyAdd(d2, vm, va);
            d3 = Vector.FusedMultiplyAdd(d3, vm, va);
            d4 = Vector.FusedMultiplyAdd(d4, vm, va);
            d5 = Vector.FusedMultiplyAdd(d5, vm, va);
            d6 = Vector.FusedMultiplyAdd(d6, vm, va);
            d7 = Vector.FusedMultiplyAdd(d7, vm, va);
            d8 = Vector.FusedMultiplyAdd(d8, vm, va);
            d9 = Vector.FusedMultiplyAdd(d9, vm, va);
            d10 = Vector.FusedMultiplyAdd(d10, vm, va);
            d11 = Vector.FusedMultiplyAdd(d11, vm, va);
        }

        sink += Vector.Sum(d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7 + d8 + d9 + d10 + d11);
    }
}
