using System.Diagnostics;
using System.Text.Json;
using Kata.Core;

namespace Kata.Bench;

/// <summary>
/// Runs bench/mlp_numpy.py (or gpt_numpy.py) under a python that has numpy, with OpenBLAS choosing its own kernel:
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which choose it by hand, are unset for that process only.
/// When the kernel OpenBLAS picks is a fallback older than the processor, the caller may run it again
/// with the kernel the processor supports (<see cref="BetterKernel"/>), so that numpy is not shown slower
/// than it can be.
/// </summary>
internal static class Numpy
{
    /// <summary>The variables that choose OpenBLAS's kernel and cache size by hand.</summary>
    public static IReadOnlyList<string> OpenBlasOverrides { get; } = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>How to get numpy, in one sentence.</summary>
    public const string HowToInstall =
        "On Debian or Ubuntu: sudo apt-get install -y python3-numpy libopenblas0-pthread (it runs under /usr/bin/python3); "
        + "elsewhere install numpy for some python and set KATA_PYTHON to that python.";

    /// <summary>$KATA_PYTHON, /usr/bin/python3 (Debian's numpy lives there), or python3 on the PATH: the first that imports numpy.</summary>
    public static string? FindPython()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("KATA_PYTHON"), "/usr/bin/python3", "python3", "python"];
        foreach (string python in candidates.OfType<string>().Distinct())
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

    /// <summary>The python to run numpy with, or null after saying why the C# half runs alone (--without-numpy, or no numpy here).</summary>
    public static string? PythonOrSayWhyNot(bool withNumpy)
    {
        if (!withNumpy)
        {
            Console.WriteLine("The C# half alone (--without-numpy).");
            return null;
        }

        string? python = FindPython();
        if (python is null)
        {
            Console.WriteLine($"numpy is not installed, so this is the C# half alone. {HowToInstall}");
        }

        return python;
    }

    /// <summary>"unset for this run: …" or "neither … is set": what happens to the variables, for people.</summary>
    public static string DescribeOverrides()
    {
        string[] set = [.. OpenBlasOverrides.Where(v => Environment.GetEnvironmentVariable(v) is not null)];
        return set.Length == 0
            ? "neither OPENBLAS_CORETYPE nor OPENBLAS_L2_SIZE is set"
            : $"unset for this run: {string.Join(", ", set.Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}"))}";
    }

    /// <summary>
    /// Runs bench/<paramref name="script"/> (mlp_numpy.py unless said) with <paramref name="arguments"/> and
    /// returns its JSON output, without the OpenBLAS overrides of this environment, or with
    /// OPENBLAS_CORETYPE=<paramref name="coreType"/>.
    /// </summary>
    public static JsonDocument Run(string python, IEnumerable<string> arguments, string? coreType, string script = "mlp_numpy.py")
    {
        using Process process = Process.Start(StartInfo(python, script, arguments, coreType)) ?? throw new InvalidOperationException($"Could not start {python}.");
        process.StandardInput.Close();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bench/{script} failed (exit code {process.ExitCode}):\n{errors.Result}");
        }

        return JsonDocument.Parse(output);
    }

    /// <summary>
    /// How to start bench/<paramref name="script"/> with <paramref name="arguments"/>: without the OpenBLAS
    /// overrides of this environment, or with OPENBLAS_CORETYPE=<paramref name="coreType"/>.
    /// </summary>
    public static ProcessStartInfo StartInfo(string python, string script, IEnumerable<string> arguments, string? coreType)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(KataPaths.Root, "bench", script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in OpenBlasOverrides)
        {
            start.Environment.Remove(variable);
        }

        if (coreType is not null)
        {
            start.Environment["OPENBLAS_CORETYPE"] = coreType;
        }

        return start;
    }

    /// <summary>The kernel OpenBLAS reported ("Prescott", "SkylakeX", …), or null for another BLAS.</summary>
    public static string? Kernel(JsonDocument result) => result.RootElement.GetProperty("blas").GetProperty("kernel").GetString();

    /// <summary>numpy's version, its BLAS library, configuration, kernel and threads, in one line.</summary>
    public static string DescribeBlas(JsonDocument result)
    {
        JsonElement blas = result.RootElement.GetProperty("blas");
        string? kernel = blas.GetProperty("kernel").GetString();
        return $"numpy {blas.GetProperty("numpy").GetString()} on {blas.GetProperty("library").GetString()}"
            + (blas.GetProperty("config").GetString() is { } config ? $" ({config})" : string.Empty)
            + (kernel is null ? string.Empty : $", kernel {kernel}")
            + (blas.GetProperty("threads").ValueKind == JsonValueKind.Number ? $", {blas.GetProperty("threads").GetInt32()} threads" : string.Empty);
    }

    /// <summary>The OpenBLAS kernel this processor can run when OpenBLAS picked an older one, else null.</summary>
    public static string? BetterKernel(string kernel)
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
        string[] avx2 = [.. avx512, "Haswell", "Zen"];
        if (flags.Contains(" avx512f", StringComparison.Ordinal) && !avx512.Contains(kernel, StringComparer.OrdinalIgnoreCase))
        {
            return flags.Contains(" avx512_bf16", StringComparison.Ordinal) ? "Cooperlake" : "SkylakeX";
        }

        return flags.Contains(" avx2", StringComparison.Ordinal) && !avx2.Contains(kernel, StringComparer.OrdinalIgnoreCase) ? "Haswell" : null;
    }

    /// <summary>The sentence printed when numpy runs again with a better kernel.</summary>
    public static string Fallback(string kernel, string better) =>
        $"OpenBLAS picked its {kernel} kernel, which does not use this processor's vector units (its flags name {(better == "Haswell" ? "AVX2" : "AVX-512")}): "
        + $"an OpenBLAS older than the processor falls back to it. numpy again with OPENBLAS_CORETYPE={better}, the kernel this processor can run …";
}
