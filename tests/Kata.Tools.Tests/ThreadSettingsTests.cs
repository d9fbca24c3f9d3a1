using System.Diagnostics;
using Kata.Maintainer.Verify;

namespace Kata.Tools.Tests;

/// <summary>
/// Verify sets a thread apart for some of its work, and every process that thread starts must inherit the
/// setting while no other thread does: the naive learner's grade runs on one core (OneCore), the format and
/// release checks beside the tooling tests at the lowest priority (NiceThread).
/// </summary>
public sealed class ThreadSettingsTests
{
    [Test]
    public void Processes_started_by_a_pinned_thread_run_on_the_first_core_only_and_other_threads_stay_free()
    {
        RequireLinux();
        const string Cores = "grep Cpus_allowed_list /proc/self/status | cut -f2"; // the cores a process may run on

        OnThreadOfItsOwn(OneCore.PinThisThread, Cores).ShouldBe("0", "a process started by the pinned thread may run on core 0 only");
        if (Environment.ProcessorCount > 1)
        {
            Shell(Cores).ShouldNotBe("0", "a process started by another thread keeps every core");
        }
    }

    [Test]
    public void Processes_started_by_a_lowered_thread_run_at_nice_19_and_other_threads_keep_their_priority()
    {
        RequireLinux();
        const string Nice = "cut -d' ' -f19 /proc/self/stat"; // a process's nice value
        string before = Shell(Nice);

        OnThreadOfItsOwn(NiceThread.LowerThisThread, Nice).ShouldBe("19", "a process started by the lowered thread runs at the lowest priority");
        Shell(Nice).ShouldBe(before, "a process started by another thread keeps the priority it had");
    }

    // Before any shell runs: both tests read /proc through sh, which only Linux has.
    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Verify sets a thread apart on Linux only (it grades in bubblewrap, Linux only).");
        }
    }

    // What a shell started by a new thread prints, after that thread applied its setting.
    private static string OnThreadOfItsOwn(Action setting, string command)
    {
        string output = string.Empty;
        var thread = new Thread(() =>
        {
            setting();
            output = Shell(command);
        });
        thread.Start();
        thread.Join();
        return output;
    }

    // What a shell started now, by the calling thread, prints.
    private static string Shell(string command)
    {
        using Process shell = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        return output.Trim();
    }
}
