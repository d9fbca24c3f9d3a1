using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kata.Core;
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
    // The variables that choose OpenBLAS's kernel and cache size by hand; unset for numpy's run, so
    // OpenBLAS picks for itself what it runs on this processor.
    private static readonly string[] OpenBlasOverrides = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

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

        string? python = withNumpy ? FindPython() : null;
        if (!withNumpy)
        {
            Console.WriteLine("The C# half alone (--without-numpy).");
        }
        else if (python is null)
        {
            Console.WriteLine(
                "numpy is not installed, so this is the C# half alone. On Debian or Ubuntu: sudo apt-get install -y python3-numpy libopenblas0-pthread "
                + "(it runs under /usr/bin/python3); elsewhere install numpy for some python and set KATA_PYTHON to that python.");
        }
        else
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
        try
        {
            string[] overridden = [.. OpenBlasOverrides.Where(v => Environment.GetEnvironmentVariable(v) is not null)];
            string unset = overridden.Length == 0
                ? "neither OPENBLAS_CORETYPE nor OPENBLAS_L2_SIZE is set"
                : $"unset for this run: {string.Join(", ", overridden.Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}"))}";
            Console.WriteLine($"numpy ({python}), OpenBLAS choosing its own kernel ({unset}) …");
            Numpy own = Numpy.Train(python, mlp, folder, weights, coreType: null);
            Console.WriteLine($"  {own.Blas}");
            yield return new Row($"numpy ({own.Kernel ?? "BLAS"})", own.Epochs, IsNumpy: true);

            if (own.Kernel is { } kernel && BetterOpenBlasKernel(kernel) is { } better)
            {
                Console.WriteLine(
                    $"OpenBLAS picked its {kernel} kernel, which does not use this processor's vector units (its flags name {(better == "Haswell" ? "AVX2" : "AVX-512")}): "
                    + $"an OpenBLAS older than the processor falls back to it. numpy again with OPENBLAS_CORETYPE={better}, the kernel this processor can run …");
                Numpy forced = Numpy.Train(python, mlp, folder, weights, coreType: better);
                Console.WriteLine($"  {forced.Blas}");
                yield return new Row($"numpy ({forced.Kernel ?? better}, forced)", forced.Epochs, IsNumpy: true);
            }
        }
        finally
        {
            File.Delete(weights);
        }
    }

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

    // $KATA_PYTHON, /usr/bin/python3 (Debian's numpy lives there), or python3 on the PATH: the first
    // that imports numpy.
    private static string? FindPython()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("KATA_PYTHON"), "/usr/bin/python3", "python3", "python"];
        foreach (string? python in candidates.OfType<string>().Distinct())
        {
            try
            {
                using Process? process = Process.Start(new ProcessStartInfo(python, ["-c", "import numpy"]) { RedirectStandardError = true, RedirectStandardOutput = true });
                if (process is not null && process.WaitForExit(60_000) && process.ExitCode == 0)
                {
                    return python;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under this name
            }
        }

        return null;
    }

    // The OpenBLAS kernel this processor can run when OpenBLAS picked an older one, else null.
    private static string? BetterOpenBlasKernel(string kernel)
    {
        string flags = string.Empty;
        try
        {
            flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? string.Empty;
        }
        catch (IOException)
        {
        }

        string[] avx512 = ["SkylakeX", "Cooperlake", "SapphireRapids", "Zen4"];
        string[] avx2 = [.. avx512, "Haswell", "Zen", "SkylakeX"];
        if (flags.Contains(" avx512f", StringComparison.Ordinal) && !avx512.Contains(kernel, StringComparer.OrdinalIgnoreCase))
        {
            return flags.Contains(" avx512_bf16", StringComparison.Ordinal) ? "Cooperlake" : "SkylakeX";
        }

        return flags.Contains(" avx2", StringComparison.Ordinal) && !avx2.Contains(kernel, StringComparer.OrdinalIgnoreCase) ? "Haswell" : null;
    }

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

    /// <summary>One run of bench/mlp_numpy.py: what it reported about its BLAS, and its epochs.</summary>
    private sealed record Numpy(string Blas, string? Kernel, IReadOnlyList<(double Seconds, double Accuracy)> Epochs)
    {
        public static Numpy Train(string python, Mlp mlp, string folder, string weights, string? coreType)
        {
            var start = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    Path.Combine(KataPaths.Root, "bench", "mlp_numpy.py"),
                    "--mnist", folder,
                    "--layers", string.Join(',', mlp.LayerSizes),
                    "--digits", string.Join(',', Mlp.Digits),
                    "--epochs", mlp.Epochs.ToString(CultureInfo.InvariantCulture),
                    "--learning-rate", mlp.LearningRate.ToString(CultureInfo.InvariantCulture),
                    "--batch-size", mlp.BatchSize.ToString(CultureInfo.InvariantCulture),
                    "--weights", weights,
                },
            };
            foreach (string variable in OpenBlasOverrides)
            {
                start.Environment.Remove(variable);
            }

            if (coreType is not null)
            {
                start.Environment["OPENBLAS_CORETYPE"] = coreType;
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
            Task<string> errors = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"bench/mlp_numpy.py failed (exit code {process.ExitCode}):\n{errors.Result}");
            }

            using JsonDocument json = JsonDocument.Parse(output);
            JsonElement blas = json.RootElement.GetProperty("blas");
            string? kernel = blas.GetProperty("kernel").GetString();
            string described = $"numpy {blas.GetProperty("numpy").GetString()} on {blas.GetProperty("library").GetString()}"
                + (blas.GetProperty("config").GetString() is { } config ? $" ({config})" : string.Empty)
                + (kernel is null ? string.Empty : $", kernel {kernel}")
                + (blas.GetProperty("threads").ValueKind == JsonValueKind.Number ? $", {blas.GetProperty("threads").GetInt32()} threads" : string.Empty);
            (double, double)[] epochs =
            [
                .. json.RootElement.GetProperty("epochs").EnumerateArray()
                    .Select(e => (e.GetProperty("seconds").GetDouble(), e.GetProperty("accuracy").GetDouble())),
            ];
            return new Numpy(described, kernel, epochs);
        }
    }
}
