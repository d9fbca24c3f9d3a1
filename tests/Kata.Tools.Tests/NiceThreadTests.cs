using System.Diagnostics;
using Kata.Maintainer.Verify;

namespace Kata.Tools.Tests;

/// <summary>
/// Verify's format and release checks run beside the tooling tests at the lowest priority (NiceThread):
/// every process their thread starts must inherit it, and no other thread may.
/// </summary>
public sealed class NiceThreadTests
{
    [Test]
    public void Processes_started_by_a_lowered_thread_run_at_nice_19_and_other_threads_keep_their_priority()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("A thread's priority is lowered on Linux only (verify runs there).");
        }

        string before = Nice();
        string lowered = string.Empty;
        var thread = new Thread(() =>
        {
            NiceThread.LowerThisThread();
            lowered = Nice();
        });
        thread.Start();
        thread.Join();

        lowered.ShouldBe("19", "a process started by the lowered thread runs at the lowest priority");
        Nice().ShouldBe(before, "a process started by another thread keeps the priority it had");
    }

    // The nice value of a shell started now, by the calling thread (field 19 of /proc/self/stat).
    private static string Nice()
    {
        using Process shell = Process.Start(new ProcessStartInfo("sh", ["-c", "cut -d' ' -f19 /proc/self/stat"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string line = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        return line.Trim();
    }
}
