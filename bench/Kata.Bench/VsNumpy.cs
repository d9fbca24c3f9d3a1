using System.Globalization;
using System.Text.Json;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// <c>./kata bench vs-numpy</c>: the same MLP trained in C# (the track's network, with checkpoint 1's
/// and with checkpoint 12's product) and in numpy (bench/mlp_numpy.py), in one run, from the same
/// initial weights over the same batches in the same order, and one table: time per epoch, test
/// accuracy, ratio to numpy. Without numpy it says how to get it and runs the C# half alone.
/// </summary>
internal static class VsNumpy
{
    public static int Run(Mlp mlp, IReadOnlyList<string> kernels, bool withNumpy)
    {
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"The same MLP in C# and in numpy: {mlp.Describe()}; the same initial weights; a batch's time includes its loss, as both compute it.");
        Console.WriteLine("Time per epoch is training only (not reading the data, not the test accuracy after each epoch).");
        Console.WriteLine();

        (Dataset train, Dataset test, string folder) = Mlp.LoadData();
        var rows = new List<Row>();
        foreach (string name in kernels)
        {
            Console.WriteLine($"C#, {Kernels.All.First(k => k.Name == name).What} …");
            try
            {
                rows.Add(new Row($"C# {name}", mlp.Run(train, test, Kernels.Named(name)), IsNumpy: false));
            }
            catch (NotImplementedException stub)
            {
                Console.WriteLine($"  Not implemented yet: {stub.Message}");
            }
        }

        if (Numpy.PythonOrSayWhyNot(withNumpy) is { } python)
        {
            rows.AddRange(RunNumpy(python, mlp, folder));
        }

        Console.WriteLine();
        Print(rows, mlp);
        Console.WriteLine($"Load average at the end: {Machine.Load()}.");
        Console.WriteLine("Run it again: ./kata bench --track solutions vs-numpy (or dotnet run -c Release --project bench/Kata.Bench -p:KataTrack=solutions -p:KataOptimize=true -- vs-numpy).");
        return 0;
    }

    private static IEnumerable<Row> RunNumpy(string python, Mlp mlp, string folder)
    {
        string weights = Path.Combine(Path.GetTempPath(), $"kata-bench-weights-{Environment.ProcessId}.bin");
        mlp.WriteInitialWeights(weights);
        string[] arguments =
        [
            "--mnist", folder, "--layers", string.Join(',', mlp.LayerSizes), "--digits", string.Join(',', Mlp.Digits),
            "--epochs", F($"{mlp.Epochs}"), "--learning-rate", F($"{mlp.LearningRate}"), "--batch-size", F($"{mlp.BatchSize}"), "--weights", weights,
        ];
        try
        {
            Console.WriteLine($"numpy ({python}), OpenBLAS choosing its own kernel ({Numpy.DescribeOverrides()}) …");
            using JsonDocument own = Numpy.Run(python, arguments, coreType: null);
            Console.WriteLine($"  {Numpy.DescribeBlas(own)}");
            yield return new Row($"numpy ({Numpy.Kernel(own) ?? "BLAS"})", Epochs(own), IsNumpy: true);

            if (Numpy.Kernel(own) is { } kernel && Numpy.BetterKernel(kernel) is { } better)
            {
                Console.WriteLine(Numpy.Fallback(kernel, better));
                using JsonDocument forced = Numpy.Run(python, arguments, coreType: better);
                Console.WriteLine($"  {Numpy.DescribeBlas(forced)}");
                yield return new Row($"numpy ({Numpy.Kernel(forced) ?? better}, forced)", Epochs(forced), IsNumpy: true);
            }
        }
        finally
        {
            File.Delete(weights);
        }
    }

    private static (double, double)[] Epochs(JsonDocument result) =>
        [.. result.RootElement.GetProperty("epochs").EnumerateArray().Select(e => (e.GetProperty("seconds").GetDouble(), e.GetProperty("accuracy").GetDouble()))];

    private static void Print(List<Row> rows, Mlp mlp)
    {
        // Ratios are against the fastest numpy run (by median epoch): the fairest opponent.
        Row? numpy = rows.Where(r => r.IsNumpy).MinBy(r => r.Median);
        var table = new TextTable(
            "implementation", "epoch: best / median s", "first epoch s", $"accuracy after {mlp.Epochs}", "training to 99.0 %", numpy is null ? "ratio" : $"ratio to {numpy.Name}");
        foreach (Row row in rows)
        {
            table.Add(
                row.Name,
                F($"{row.Best:F3} / {row.Median:F3}"),
                F($"{row.Epochs[0].Seconds:F3}"),
                F($"{row.Epochs[^1].Accuracy:P2}"),
                row.SecondsTo(0.99) is { } s ? F($"{s:F2} s") : "not reached",
                numpy is null ? "—" : F($"{row.Median / numpy.Median:F2}"));
        }

        Console.Write(table);
        Console.WriteLine("Accuracy after each epoch:");
        foreach (Row row in rows)
        {
            Console.WriteLine($"  {row.Name}: {string.Join("  ", row.Epochs.Select(e => F($"{e.Accuracy:P2}")))}");
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string Name, IReadOnlyList<(double Seconds, double Accuracy)> Epochs, bool IsNumpy)
    {
        public double Best => Epochs.Min(e => e.Seconds);

        public double Median => Epochs.Select(e => e.Seconds).Order().ElementAt(Epochs.Count / 2);

        // Seconds of training until the test accuracy first reached `accuracy`, or null.
        public double? SecondsTo(double accuracy)
        {
            double total = 0;
            foreach ((double seconds, double reached) in Epochs)
            {
                total += seconds;
                if (reached >= accuracy)
                {
                    return total;
                }
            }

            return null;
        }
    }
}
