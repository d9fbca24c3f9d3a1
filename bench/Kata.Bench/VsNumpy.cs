using System.Globalization;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// <c>./kata bench vs-numpy</c>: the same network trained in C# (the track's code: checkpoint 4's Train on
/// checkpoint 1's and on checkpoint 12's product, and checkpoint 12's fast step) and in numpy
/// (bench/mlp_numpy.py; with <c>--model cnn</c> the convolutional network and bench/cnn_numpy.py), from the
/// same initial weights over the same batches in the same order, and one table: time per epoch, test
/// accuracy, ratio to numpy. They take turns epoch by epoch — every run's first epoch, then every run's
/// second, … — so that on a shared machine each sees the same load. Without numpy it says how to get it
/// and runs the C# half alone.
/// </summary>
internal static class VsNumpy
{
    /// <summary>The MLP of checkpoint 4 (784-128-5 by default).</summary>
    public static int Run(Mlp mlp, IReadOnlyList<string> runs, bool withNumpy)
    {
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"The same MLP in C# and in numpy: {mlp.Describe()}; the same initial weights; a batch's time includes its loss, as both compute it.");
        (Dataset train, Dataset test, string folder) = Mlp.LoadData();
        return Race(
            mlp.Epochs,
            [.. Chosen(runs, Mlp.Runs).Select(run => mlp.Contender(run, train, test))],
            withNumpy ? path => mlp.Numpy(folder, path) : null,
            mlp.WriteInitialWeights,
            target: 0.99,
            "./kata bench --track solutions vs-numpy");
    }

    /// <summary>The convolutional network of checkpoint 10 (16 filters of 5x5, 2304-128-10 by default).</summary>
    public static int Run(Cnn cnn, IReadOnlyList<string> runs, bool withNumpy)
    {
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"The same convolutional network in C# and in numpy: {cnn.Describe()}; the same initial weights.");
        (Dataset train, Dataset test, string folder) = cnn.LoadData();
        return Race(
            cnn.Epochs,
            [.. Chosen(runs, Cnn.Runs).Select(run => cnn.Contender(run, train, test))],
            withNumpy ? path => cnn.Numpy(folder, path) : null,
            cnn.WriteInitialWeights,
            target: 0.985,
            "./kata bench --track solutions vs-numpy --model cnn");
    }

    // The runs asked for, in the order of `known`; an unknown name is an error that lists the known ones.
    private static IEnumerable<string> Chosen(IReadOnlyList<string> runs, IReadOnlyList<(string Run, string What)> known)
    {
        foreach (string run in runs.Where(r => !known.Any(k => k.Run == r)))
        {
            throw new ArgumentException($"There is no run \"{run}\"; the runs are {string.Join(", ", known.Select(k => k.Run))}.");
        }

        foreach ((string run, string what) in known.Where(k => runs.Contains(k.Run)))
        {
            Console.WriteLine($"  {run,-6} {what}");
            yield return run;
        }
    }

    private static int Race(
        int epochs, List<Contender> contenders, Func<string, (string Script, string[] Arguments)>? numpy, Action<string> writeWeights, double target, string rerun)
    {
        Console.WriteLine("Time per epoch is training only (not reading the data, not the test accuracy after each epoch). The runs take turns, epoch by epoch.");
        var servers = new List<NumpyServer>();
        string weights = Path.Combine(Path.GetTempPath(), $"kata-bench-weights-{Environment.ProcessId}.bin");
        try
        {
            if (Numpy.PythonOrSayWhyNot(withNumpy: numpy is not null) is { } python && numpy is not null)
            {
                writeWeights(weights);
                (string script, string[] arguments) = numpy(weights);
                Console.WriteLine($"numpy ({python}, bench/{script}), OpenBLAS choosing its own kernel ({Numpy.DescribeOverrides()}) …");
                NumpyServer own = NumpyServer.Start(python, script, arguments, coreType: null);
                servers.Add(own);
                Console.WriteLine($"  {Numpy.DescribeBlas(own.Header)}");
                contenders.Add(new Contender($"numpy ({Numpy.Kernel(own.Header) ?? "BLAS"})", isNumpy: true, own.Epoch));
                if (Numpy.Kernel(own.Header) is { } kernel && Numpy.BetterKernel(kernel) is { } better)
                {
                    Console.WriteLine(Numpy.Fallback(kernel, better));
                    NumpyServer forced = NumpyServer.Start(python, script, arguments, coreType: better);
                    servers.Add(forced);
                    Console.WriteLine($"  {Numpy.DescribeBlas(forced.Header)}");
                    contenders.Add(new Contender($"numpy ({Numpy.Kernel(forced.Header) ?? better}, forced)", isNumpy: true, forced.Epoch));
                }
            }

            var stubs = new HashSet<Contender>();
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                // Each round starts with another run, so that none always follows the same one.
                for (int turn = 0; turn < contenders.Count; turn++)
                {
                    Contender contender = contenders[(epoch + turn) % contenders.Count];
                    try
                    {
                        if (!stubs.Contains(contender))
                        {
                            contender.TrainEpoch();
                        }
                    }
                    catch (NotImplementedException stub)
                    {
                        Console.WriteLine($"  {contender.Name}: not implemented yet: {stub.Message}");
                        stubs.Add(contender);
                    }
                }

                Console.WriteLine($"  epoch {epoch + 1} of {epochs} done; load average {Machine.Load()}");
            }
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
            File.Delete(weights);
        }

        Console.WriteLine();
        Print(contenders, epochs, target);
        Console.WriteLine($"Load average at the end: {Machine.Load()}.");
        Console.WriteLine($"Run it again: {rerun} (or dotnet run -c Release --project bench/Kata.Bench -p:KataTrack=solutions -p:KataOptimize=true -- {rerun[(rerun.IndexOf("vs-numpy", StringComparison.Ordinal))..]}).");
        return 0;
    }

    private static void Print(List<Contender> contenders, int epochs, double target)
    {
        // Ratios are against the fastest numpy run (by median epoch): the fairest opponent.
        Contender? numpy = contenders.Where(r => r.IsNumpy && r.Epochs.Count > 0).MinBy(r => r.Median);
        var table = new TextTable(
            "implementation", "epoch: best / median s", "first epoch s", $"accuracy after {epochs}", F($"training to {target:P1}"), numpy is null ? "ratio" : $"ratio to {numpy.Name}");
        foreach (Contender row in contenders.Where(r => r.Epochs.Count > 0))
        {
            table.Add(
                row.Name,
                F($"{row.Best:F3} / {row.Median:F3}"),
                F($"{row.Epochs[0].Seconds:F3}"),
                F($"{row.Epochs[^1].Accuracy:P2}"),
                row.SecondsTo(target) is { } s ? F($"{s:F2} s") : "not reached",
                numpy is null ? "—" : F($"{row.Median / numpy.Median:F2}"));
        }

        Console.Write(table);
        Console.WriteLine("Accuracy after each epoch:");
        foreach (Contender row in contenders.Where(r => r.Epochs.Count > 0))
        {
            Console.WriteLine($"  {row.Name}: {string.Join("  ", row.Epochs.Select(e => F($"{e.Accuracy:P2}")))}");
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
