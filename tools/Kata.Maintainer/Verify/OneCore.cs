using System.Runtime.InteropServices;

namespace Kata.Maintainer.Verify;

/// <summary>
/// Keeps a thread, and every process it starts from then on, to the first core (Linux's CPU affinity,
/// which a process inherits from the thread that starts it). The grading scenarios grade the naive learner
/// that way beside the other grades: it gets about half a core, the load of a machine saturated twice
/// over, without a busy loop burning a core to make that load.
/// </summary>
public static class OneCore
{
    /// <summary>Pins the calling thread to core 0; throws where the system refuses (or is not Linux).</summary>
    public static void PinThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Pinning a grade to one core needs Linux (sched_setaffinity).");
        }

        ulong firstCore = 1;
        if (SchedSetAffinity(0, sizeof(ulong), ref firstCore) != 0)
        {
            throw new InvalidOperationException($"sched_setaffinity refused to pin the naive learner's grade to one core (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    // pid 0: the calling thread.
    // (DllImport: the generated LibraryImport would need unsafe code in this project for one call.)
    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetAffinity(int pid, nint size, ref ulong mask);
}
