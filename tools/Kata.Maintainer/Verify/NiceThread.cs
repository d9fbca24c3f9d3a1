using System.Runtime.InteropServices;

namespace Kata.Maintainer.Verify;

/// <summary>
/// Lowers a thread, and every process it starts from then on, to the lowest priority (nice 19: Linux keeps
/// the nice value per thread, and a process inherits it from the thread that starts it). Verify runs the
/// format and release checks that way beside the tooling tests: they take the cores the tests leave idle
/// and almost nothing of what the tests use.
/// </summary>
public static class NiceThread
{
    private const int Lowest = 19;

    /// <summary>Lowers the calling thread to nice 19; throws where the system refuses (or is not Linux).</summary>
    public static void LowerThisThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Lowering one thread's priority needs Linux (setpriority on a thread).");
        }

        if (SetPriority(ProcessWhich, 0, Lowest) != 0)
        {
            throw new InvalidOperationException($"setpriority refused to lower the thread's priority (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    // PRIO_PROCESS with who 0: on Linux, the calling thread (its nice value is per thread).
    private const int ProcessWhich = 0;

    // (DllImport: the generated LibraryImport would need unsafe code in this project for one call.)
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
