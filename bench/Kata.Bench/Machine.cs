using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralNet;

namespace Kata.Bench;

/// <summary>What every benchmark prints first: the machine, the runtime, the date and the load.</summary>
internal static class Machine
{
    /// <summary>The processor's name (from /proc/cpuinfo on Linux), else the architecture.</summary>
    public static string Cpu { get; } = ReadCpu();

    /// <summary>"Vector512 (AVX-512)", "Vector256" or "Vector128": the widest accelerated vector.</summary>
    public static string Simd =>
        Vector512.IsHardwareAccelerated ? "Vector512 accelerated (AVX-512)"
        : Vector256.IsHardwareAccelerated ? "Vector256 accelerated, no Vector512"
        : Vector128.IsHardwareAccelerated ? "Vector128 accelerated only" : "no SIMD";

    /// <summary>The load averages over 1, 5 and 15 minutes (Linux, macOS via uptime), or "unknown".</summary>
    public static string Load()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Four lines: machine, caches and the product's tuning, runtime, date and load. Print them with every figure.</summary>
    public static string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        Machine: {Cpu}, {Environment.ProcessorCount} logical cores; {Simd}, Vector<double> has {Vector<double>.Count} lanes; caches {Caches()}.
        Checkpoint 12's product on this processor: {Tuning()}.
        Runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}).
        Date: {DateTime.Now:yyyy-MM-dd HH:mm zzz}; load average {Load()} (1, 5, 15 min; {Environment.ProcessorCount} cores).
        """);

    /// <summary>"L1d 48 KB, L1i 32 KB, L2 1024 KB, L3 32768 KB" from /sys (Linux), or why not.</summary>
    public static string Caches()
    {
        const string Folder = "/sys/devices/system/cpu/cpu0/cache";
        try
        {
            string[] caches =
            [
                .. Directory.EnumerateDirectories(Folder, "index*").Order(StringComparer.Ordinal).Select(index =>
                {
                    string Read(string name) => File.ReadAllText(Path.Combine(index, name)).Trim();
                    string type = Read("type") switch { "Data" => "d", "Instruction" => "i", _ => string.Empty };
                    return $"L{Read("level")}{type} {Read("size").Replace("K", " KB", StringComparison.Ordinal)}";
                }),
            ];
            return caches.Length > 0 ? string.Join(", ", caches) : $"not listed in {Folder}";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"not listed in {Folder} (a virtual machine may not say)";
        }
    }

    /// <summary>
    /// The micro-kernel and cache blocks the track's checkpoint 12 chose for this processor: its
    /// FastLinearAlgebra's internal static string property Tuning, when it has one (the reference does).
    /// </summary>
    public static string Tuning() =>
        typeof(FastLinearAlgebra).GetProperty("Tuning", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) is string tuning
            ? tuning
            : "not described (an internal static string Tuning property of FastLinearAlgebra would be shown here)";

    private static string ReadCpu()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
