using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>Three lines: machine, runtime, date and load. Print them with every figure.</summary>
    public static string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        Machine: {Cpu}, {Environment.ProcessorCount} logical cores; {Simd}, Vector<double> has {Vector<double>.Count} lanes.
        Runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}).
        Date: {DateTime.Now:yyyy-MM-dd HH:mm zzz}; load average {Load()} (1, 5, 15 min; {Environment.ProcessorCount} cores).
        """);

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
