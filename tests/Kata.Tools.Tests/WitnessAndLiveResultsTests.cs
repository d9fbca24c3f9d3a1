using Kata.Cli.Infrastructure;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// The two channels grading trusts beside VSTest's results: the guard's signed witness lines on the test
/// host's stderr, and the logger's live results file, which outlives a run stopped for time.
/// </summary>
public sealed class WitnessAndLiveResultsTests
{
    private const string Test = "Kata.Tests.Checkpoint01.DotTests.Dot_of_two_vectors_is_the_sum_of_products";

    [Test]
    public void A_witness_line_signed_with_the_hosts_key_gives_the_tests_outcome()
    {
        string key = Witness.NewKey();
        string line = $"{Witness.Prefix}{Witness.Sign(Convert.FromHexString(key), Test, "Passed")} Passed {Test}";

        Witness.Read(["[kata-start] " + Test, line], key, out int forged).ShouldBe(new Dictionary<string, string> { [Test] = "Passed" });
        forged.ShouldBe(0);
    }

    [Test]
    public void A_witness_line_with_a_wrong_signature_or_another_hosts_key_is_forged_and_ignored()
    {
        string key = Witness.NewKey(), otherHost = Witness.NewKey();
        string[] lines =
        [
            $"{Witness.Prefix}{new string('0', 32)} Passed {Test}",
            $"{Witness.Prefix}{Witness.Sign(Convert.FromHexString(otherHost), Test, "Passed")} Passed {Test}",
            $"{Witness.Prefix}{Witness.Sign(Convert.FromHexString(key), Test, "Failed")} Passed {Test}",
        ];

        Witness.Read(lines, key, out int forged).ShouldBeEmpty("no line was signed with this host's key for what it says");
        forged.ShouldBe(3);
    }

    [Test]
    public void A_test_witnessed_both_failed_and_passed_counts_as_failed()
    {
        string key = Witness.NewKey();
        byte[] bytes = Convert.FromHexString(key);
        string[] lines =
        [
            $"{Witness.Prefix}{Witness.Sign(bytes, Test, "Failed")} Failed {Test}",
            $"{Witness.Prefix}{Witness.Sign(bytes, Test, "Passed")} Passed {Test}",
        ];

        Witness.Read(lines, key, out _)[Test].ShouldBe("Failed");
    }

    [Test]
    public void The_live_results_file_gives_back_every_result_and_report_copy_even_when_its_last_line_was_cut()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("kata-live-").FullName, "run.stream.jsonl");
        try
        {
            var passed = new TestRecord("Dot", Test, "Passed", 1, null, null, 0.01);
            File.WriteAllLines(path, [LiveResults.ResultLine(passed), LiveResults.RecordLine("mnist", "{\"name\":\"mnist\"}"), LiveResults.RecordLine("mnist", string.Empty)]);
            File.AppendAllText(path, LiveResults.ResultLine(passed with { Name = "cut" })[..20]); // the run was killed mid-line

            (List<TestRecord> results, Dictionary<string, List<string>> records) = LiveResults.Read(path);

            results.ShouldHaveSingleItem().ShouldBe(passed);
            records["mnist"].Count.ShouldBe(2, "a report sent twice must still show as sent twice");
            records["mnist"][0].ShouldBe("{\"name\":\"mnist\"}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Test]
    public void A_host_stderr_line_longer_than_any_of_the_katas_own_is_skipped_not_read_into_memory()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "[kata-start] first\n" + new string('x', TextLines.MaxLineLength + 10) + "\n[kata-start] second\n");

            TextLines.Read(path).ShouldBe(["[kata-start] first", "[kata-start] second"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_run_stopped_for_time_ends_its_whole_tree_even_behind_bubblewrap_and_detached_children()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/bwrap"))
        {
            Assert.Ignore("needs Linux with bubblewrap (.ci/install-bubblewrap)");
        }

        // Sleeps of durations nothing else on the machine uses, so that they can be found afterwards.
        string marker = $".{Environment.ProcessId}{Environment.TickCount64 % 100_000}";
        string log = Path.GetTempFileName();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // The grader's outer layer (bubblewrap, --die-with-parent) around a child that starts a
            // grandchild, and one that detaches into a session of its own.
            ProcessResult result = ProcessRunner.Run(
                "bwrap",
                ["--unshare-net", "--dev-bind", "/", "/", "--die-with-parent", "--", "bash", "-c", $"(sleep 300{marker}; echo) & (setsid sleep 301{marker}) & sleep 302{marker}"],
                Path.GetTempPath(),
                log,
                timeout: TimeSpan.FromSeconds(2));

            result.TimedOut.ShouldBeTrue();
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the runner must not wait for the output of processes it killed");
            Thread.Sleep(500);
            Running(marker).ShouldBeEmpty("every process the run started must have ended");
        }
        finally
        {
            File.Delete(log);
        }
    }

    // Command lines of the processes that carry the marker.
    private static List<string> Running(string marker)
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(cmdline);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return found;
    }
}
