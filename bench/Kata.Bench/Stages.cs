using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// <c>./kata bench stages</c>: a quick table (seconds, not minutes) of every kernel's GFLOP/s on square
/// products and on the products of a training step, and what starting a second thread costs beside
/// the product of one batch. For the careful figures, run the BenchmarkDotNet benchmarks.
/// </summary>
internal static class Stages
{
    private static readonly (int N, int K, int M)[] Shapes =
        [(64, 64, 64), (128, 128, 128), (256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (64, 784, 128), (784, 64, 128)];

    public static int Run()
    {
        Console.WriteLine(Machine.Describe());
        (double[] One, double[] All) peak = Peak.Samples();
        Console.WriteLine(Peak.Describe(peak));
        Console.WriteLine();
        Console.WriteLine("GFLOP/s (2·n·k·m / seconds; best and median of 5) of each kernel on an n x k · k x m product:");
        foreach ((string name, string what, _) in Kernels.All)
        {
            Console.WriteLine($"  {name,-8} {what}");
        }

        string? python = Numpy.FindPython();
        List<(string Label, string? CoreType)> numpy = NumpyColumns(python);
        var table = new TextTable(["n x k x m", .. Kernels.All.Select(k => k.Name), .. numpy.Select(column => column.Label)]);
        double fastLargest = double.NaN, numpyLargest = double.NaN;
        foreach ((int n, int k, int m) in Shapes)
        {
            Matrix a = Kernels.Random(n, k, 1), b = Kernels.Random(k, m, 2);
            Matrix reference = Kernels.Definition(a, b);
            var row = new List<string> { $"{n}x{k}x{m}" };

            // numpy first, then the C# kernels, shape by shape: both see about the same load.
            var numpyCells = new List<string>();
            foreach ((_, string? coreType) in numpy)
            {
                (string text, double best) = NumpyGflops(python!, $"{n}x{k}x{m}", coreType);
                numpyCells.Add(text);
                numpyLargest = n == 1024 ? Math.Max(double.IsNaN(numpyLargest) ? 0 : numpyLargest, best) : numpyLargest;
            }

            foreach ((string name, _, Func<Matrix, Matrix, Matrix> product) in Kernels.All)
            {
                (string text, double best) = name == "naive" && (long)n * k * m > 200_000_000 ? ("(skipped)", double.NaN) : Measure(product, a, b, reference);
                row.Add(text);
                fastLargest = name == "fast" && n == 1024 ? best : fastLargest;
            }

            row.AddRange(numpyCells);
            table.Add([.. row]);
        }

        Console.Write(table);
        if (double.IsFinite(fastLargest))
        {
            // The tuned product beside the machine's measured peak (and numpy's best, where there is one).
            string numpyBest = double.IsNaN(numpyLargest) ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $", {fastLargest / numpyLargest:F2} times the best numpy column ({numpyLargest:F1})");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Checkpoint 12's MatMul ({Machine.Tuning()}) on 1024³: {fastLargest:F1} GFLOP/s at best, {100 * fastLargest / peak.All[^1]:F0} % of the measured {Environment.ProcessorCount}-core peak{numpyBest}."));
        }

        Console.WriteLine();
        ThreadStartUp();
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {Machine.Load()}.");
        return 0;
    }

    // numpy's a @ b in float32, a column with the kernel OpenBLAS picks and, when that is a fallback older
    // than the processor, one with the kernel it supports: each column's label and OPENBLAS_CORETYPE. The
    // figures themselves are measured shape by shape, beside the C# kernels' (NumpyGflops).
    private static List<(string Label, string? CoreType)> NumpyColumns(string? python)
    {
        var columns = new List<(string, string?)>();
        if (python is null)
        {
            Console.WriteLine($"(numpy is not installed, so there is no numpy column. {Numpy.HowToInstall})");
            return columns;
        }

        Console.WriteLine($"numpy column: a @ b in float32 ({python}; OpenBLAS choosing its own kernel, {Numpy.DescribeOverrides()}), measured shape by shape between the C# kernels …");
        using JsonDocument own = Numpy.Run(python, ["--products", "64x64x64"], coreType: null);
        Console.WriteLine($"  {Numpy.DescribeBlas(own)}");
        columns.Add(($"numpy {Numpy.Kernel(own)}", null));
        if (Numpy.Kernel(own) is { } kernel && Numpy.BetterKernel(kernel) is { } better)
        {
            Console.WriteLine(Numpy.Fallback(kernel, better));
            using JsonDocument forced = Numpy.Run(python, ["--products", "64x64x64"], coreType: better);
            Console.WriteLine($"  {Numpy.DescribeBlas(forced)}");
            columns.Add(($"numpy {Numpy.Kernel(forced) ?? better}", better));
        }

        return columns;
    }

    // "best / median" GFLOP/s of numpy on one shape, and the best.
    private static (string Text, double Best) NumpyGflops(string python, string shape, string? coreType)
    {
        using JsonDocument result = Numpy.Run(python, ["--products", shape], coreType);
        JsonElement product = result.RootElement.GetProperty("products")[0];
        double best = product.GetProperty("best").GetDouble();
        return (string.Create(CultureInfo.InvariantCulture, $"{best:F1} / {product.GetProperty("median").GetDouble():F1}"), best);
    }

    // "best / median" GFLOP/s and the best, or why there is no figure (and NaN).
    private static (string Text, double Best) Measure(Func<Matrix, Matrix, Matrix> product, Matrix a, Matrix b, Matrix reference)
    {
        Matrix c;
        try
        {
            c = product(a, b);
        }
        catch (NotImplementedException)
        {
            return ("not yet", double.NaN);
        }

        // The same tolerance as the tests: 1e-4 of Σ|a||b| ≤ 1e-4·k for entries in [-1, 1].
        double error = c.Data.Zip(reference.Data, (x, y) => Math.Abs(x - y)).Max();
        if (!(error <= 1e-4 * a.Cols))
        {
            return ("WRONG", double.NaN);
        }

        double flops = 2.0 * a.Rows * a.Cols * b.Cols;
        double[] seconds = Samples(() => product(a, b));
        return (string.Create(CultureInfo.InvariantCulture, $"{flops / seconds[0] / 1e9:F1} / {flops / seconds[2] / 1e9:F1}"), flops / seconds[0] / 1e9);
    }

    // Five sorted timings (seconds per call) of `action`, each averaged over enough calls to last ~40 ms.
    private static double[] Samples(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        int calls = (int)Math.Clamp(0.04 / Math.Max(clock.Elapsed.TotalSeconds, 1e-7), 1, 1_000_000);
        var samples = new double[5];
        for (int s = 0; s < samples.Length; s++)
        {
            clock.Restart();
            for (int i = 0; i < calls; i++)
            {
                action();
            }

            samples[s] = clock.Elapsed.TotalSeconds / calls;
        }

        Array.Sort(samples);
        return samples;
    }

    // Stage 4's question: at the batch sizes of training, does a second thread pay for its start-up?
    private static void ThreadStartUp()
    {
        Console.WriteLine("Starting a second thread, beside the product of one batch (x: batch x 784, W: 784 x 128; microseconds per product, best and median of 5):");
        Matrix w = Kernels.Random(784, 128, 3);
        Matrix[] halves = [Columns(w, 0, 64), Columns(w, 64, 128)];
        try
        {
            FastLinearAlgebra.MatMulBlocked(Matrix.FromRows([1]), Matrix.FromRows([1]));
        }
        catch (NotImplementedException)
        {
            Console.WriteLine("  (not yet: FastLinearAlgebra.MatMulBlocked is not implemented)");
            return;
        }

        var table = new TextTable("batch", "MatMulBlocked, 1 thread", "Parallel.For, 2 halves", "MatMul (stage 4)", "Parallel.For, empty body");
        foreach (int batch in (int[])[1, 4, 16, 64, 256])
        {
            Matrix x = Kernels.Random(batch, 784, 4);
            var parts = new Matrix[2];
            table.Add(
                batch.ToString(CultureInfo.InvariantCulture),
                Micro(() => FastLinearAlgebra.MatMulBlocked(x, w)),
                Micro(() => Parallel.For(0, 2, h => parts[h] = FastLinearAlgebra.MatMulBlocked(x, halves[h]))),
                Micro(() => FastLinearAlgebra.MatMul(x, w)),
                Micro(() => Parallel.For(0, 2, _ => { })));
        }

        Console.Write(table);
    }

    private static string Micro(Action action)
    {
        double[] seconds = Samples(action);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds[0] * 1e6:F1} / {seconds[2] * 1e6:F1}");
    }

    private static Matrix Columns(Matrix m, int from, int to)
    {
        var part = new Matrix(m.Rows, to - from);
        for (int r = 0; r < m.Rows; r++)
        {
            m.Row(r)[from..to].CopyTo(part.Row(r));
        }

        return part;
    }
}
