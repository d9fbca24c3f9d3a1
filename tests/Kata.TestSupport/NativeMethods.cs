using System.Globalization;
using System.Runtime.InteropServices;

namespace Kata.TestSupport;

/// <summary>The few calls into the operating system that test support needs.</summary>
internal static partial class NativeMethods
{
    private const int SchedIdle = 5;

    /// <summary>The operating system's id of the current thread (Linux: its tid).</summary>
    public static int CurrentThreadId()
    {
        if (OperatingSystem.IsLinux())
        {
            // /proc/thread-self links to "<pid>/task/<tid>".
            string? target = new FileInfo("/proc/thread-self").LinkTarget;
            return target is not null && int.TryParse(target[(target.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture, out int tid) ? tid : 0;
        }

        return OperatingSystem.IsWindows() ? (int)GetCurrentThreadId() : 0;
    }

    /// <summary>Moves thread <paramref name="tid"/> to SCHED_IDLE; false if the system refused.</summary>
    public static bool SetIdleScheduling(int tid)
    {
        var parameters = new SchedParam { Priority = 0 };
        return SchedSetScheduler(tid, SchedIdle, ref parameters) == 0;
    }

    /// <summary>prctl(PR_SET_DUMPABLE, 0): /proc/self/mem and its kin become root's; false if the system refused.</summary>
    public static bool MakeNotDumpable() => OperatingSystem.IsLinux() && Prctl(PrSetDumpable, 0, 0, 0, 0) == 0;

    private const int PrSetDumpable = 4;

    [LibraryImport("libc", EntryPoint = "prctl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SchedSetScheduler(int pid, int policy, ref SchedParam parameters);

    [LibraryImport("kernel32.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial uint GetCurrentThreadId();

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }
}
