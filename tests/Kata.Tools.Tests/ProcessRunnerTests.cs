using System.Diagnostics;
using Kata.Cli.Infrastructure;

namespace Kata.Tools.Tests;

/// <summary>How the kata runs a child process and keeps its output (every build, test run and grade goes through it).</summary>
public sealed class ProcessRunnerTests
{
    [Test]
    public void A_process_that_leaves_a_child_holding_its_output_open_is_not_waited_for_until_the_child_ends()
    {
        // As an MSBuild node kept for the next build does: the command exits, the node lives on with the
        // command's output pipe. The grader once waited for such a node for the better part of an hour.
        string log = Path.Combine(Path.GetTempPath(), $"kata-runner-{Guid.NewGuid():N}.log");
        try
        {
            var clock = Stopwatch.StartNew();
            ProcessResult result = ProcessRunner.Run("bash", ["-c", "echo before; (sleep 60; echo late) & echo after; exit 3"], Path.GetTempPath(), log);

            result.ExitCode.ShouldBe(3);
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the run must end a few seconds after the command exits, not when its child does (60 s)");
            string text = File.ReadAllText(log);
            text.ShouldContain("before");
            text.ShouldContain("after");
            text.ShouldContain("still holds its output open");
            text.ShouldNotContain("late");
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Test]
    public void Every_line_of_a_process_that_closes_its_output_is_in_the_log()
    {
        string log = Path.Combine(Path.GetTempPath(), $"kata-runner-{Guid.NewGuid():N}.log");
        try
        {
            ProcessResult result = ProcessRunner.Run("bash", ["-c", "for i in $(seq 1 2000); do echo line $i; echo err $i >&2; done"], Path.GetTempPath(), log);

            result.ExitCode.ShouldBe(0);
            string[] lines = File.ReadAllLines(log);
            lines.Length.ShouldBe(4000, "both streams, every line");
            lines.ShouldContain("line 2000");
            lines.ShouldContain("err 2000");
        }
        finally
        {
            File.Delete(log);
        }
    }
}
