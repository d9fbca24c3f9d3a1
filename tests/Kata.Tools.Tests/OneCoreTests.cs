using System.Diagnostics;
using Kata.Maintainer.Verify;

namespace Kata.Tools.Tests;

/// <summary>
/// The naive learner's grade in verify gets half a core by running on one core beside the other grades
/// (OneCore): every process its thread starts must inherit that, and no other thread may.
/// </summary>
public sealed class OneCoreTests
{
    [Test]
    public void Processes_started_by_a_pinned_thread_run_on_the_first_core_only_and_other_threads_stay_free()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("CPU affinity is pinned on Linux only (verify grades in bubblewrap, Linux only).");
        }

        string pinned = string.Empty;
        var thread = new Thread(() =>
        {
            OneCore.PinThisThread();
            pinned = AllowedCores();
        });
        thread.Start();
        thread.Join();

        pinned.ShouldBe("0", "a process started by the pinned thread may run on core 0 only");
        if (Environment.ProcessorCount > 1)
        {
            AllowedCores().ShouldNotBe("0", "a process started by another thread keeps every core");
        }
    }

    // The Cpus_allowed_list of a shell started now, by the calling thread.
    private static string AllowedCores()
    {
        using Process shell = Process.Start(new ProcessStartInfo("sh", ["-c", "grep Cpus_allowed_list /proc/self/status"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string line = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        return line.Split(':', 2)[^1].Trim();
    }
}
