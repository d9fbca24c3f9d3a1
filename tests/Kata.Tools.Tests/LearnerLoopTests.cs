using System.Text.Json;
using Kata.Cli.Infrastructure;
using Kata.Core;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace Kata.Tools.Tests;

/// <summary>
/// The learner's loop on a fresh copy of the kata, as a new learner meets it: the first run is short,
/// and an index error in their MatMul is blamed on their MatMul. Each test runs a real dotnet test.
/// </summary>
[NonParallelizable]
public sealed class LearnerLoopTests
{
    /// <summary>
    /// Lines the kata may print before the summary on a first run. In a terminal, dotnet's own restore
    /// and build take about 10 more (its terminal logger: one line per project); the whole first run of
    /// a fresh clone measured 23 lines before the summary in a 150-column tmux window. Without a
    /// terminal (here) dotnet's classic output is longer, so only the test run's own lines are counted.
    /// </summary>
    private const int FirstRunLines = 15;

    private string _copy = string.Empty;

    [OneTimeSetUp]
    public void CopyTheKata()
    {
        _copy = Directory.CreateTempSubdirectory("kata-loop-").FullName;
        CopyTree(KataPaths.Root, _copy);
    }

    [OneTimeTearDown]
    public void DeleteTheCopy() => Directory.Delete(_copy, recursive: true);

    [Test]
    [Order(1)]
    public void The_first_run_of_a_fresh_copy_shows_the_first_thing_to_do_in_a_few_lines()
    {
        string[] output = DotnetTest("first-run", "--filter", "Checkpoint=1");

        int summary = Array.FindIndex(output, l => l.Contains("Checkpoint 1 · Linear algebra: 0 of", StringComparison.Ordinal));
        summary.ShouldBeGreaterThan(0, "the run should end with checkpoint 1's summary:\n" + string.Join('\n', output));
        int start = Array.FindIndex(output, l => l.StartsWith("A total of ", StringComparison.Ordinal)) + 1;
        start.ShouldBeGreaterThan(0, "dotnet test should say which test files it runs:\n" + string.Join('\n', output));
        string[] before = output[start..summary];
        before.Length.ShouldBeLessThanOrEqualTo(FirstRunLines, "lines before the summary on a first run:\n" + string.Join('\n', before));
        before.ShouldContain(l => l.Contains("implement LinearAlgebra.Dot", StringComparison.Ordinal), "the first stub to write is Dot");
        before.ShouldContain("    · LinearAlgebra.ColumnSums (4 tests)");
    }

    [Test]
    [Order(2)]
    public void An_index_error_in_the_learners_MatMul_is_blamed_on_their_MatMul()
    {
        string file = Path.Combine(_copy, "exercises", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs");
        string stubs = File.ReadAllText(file);
        try
        {
            // The classic slip: k runs one step too far.
            File.WriteAllText(file, stubs.Replace(
                """
                        throw new NotImplementedException(
                            "Checkpoint 1: implement LinearAlgebra.MatMul
                """,
                """
                        var c = new Matrix(a.Rows, b.Cols);
                        for (int i = 0; i < a.Rows; i++)
                            for (int j = 0; j < b.Cols; j++)
                                for (int k = 0; k <= a.Cols; k++)
                                    c[i, j] += a[i, k] * b[k, j];
                        return c;
                        throw new NotImplementedException(
                            "Checkpoint 1: implement LinearAlgebra.MatMul
                """,
                StringComparison.Ordinal));
            string json = Path.Combine(_copy, "artifacts", "matmul.json");

            string[] output = DotnetTest("matmul", "--filter", "FullyQualifiedName~MatMulTests", "--logger", $"kata;json={json}");

            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(json));
            string[] sites = [.. report.RootElement.GetProperty("tests").EnumerateArray()
                .Where(t => t.GetProperty("name").GetString() == "MatMul_of_two_2x2_matrices_matches_the_hand_computed_product")
                .Select(t => t.GetProperty("site").GetString() ?? "(none)")];
            sites.ShouldHaveSingleItem();
            sites[0].ShouldStartWith("your code: LinearAlgebra.MatMul in exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line ");
            sites[0].ShouldEndWith(" — it asked for entry (0, 2) of a 2x2 matrix");
            string blame = sites[0][..sites[0].IndexOf(" — ", StringComparison.Ordinal)] + " — it asked for entry (";
            output.Any(l => l.Trim().StartsWith(blame, StringComparison.Ordinal))
                .ShouldBeTrue($"the learner should read \"{blame}…\" after dotnet test:\n{string.Join('\n', output)}");
        }
        finally
        {
            File.WriteAllText(file, stubs);
        }
    }

    [Test]
    [Order(3)]
    public void An_endless_loop_in_Dot_costs_checkpoint_one_a_single_time_limit_and_is_named()
    {
        // The solutions' checkpoint 1, with the counter of Dot's loop never increased. Nine tests call Dot:
        // the first is stopped after its limit, the later ones fail at once naming the same method.
        string project = Path.Combine(_copy, "exercises", "Checkpoint01.LinearAlgebra");
        string file = Path.Combine(project, "LinearAlgebra.cs");
        string stubs = File.ReadAllText(file);
        try
        {
            string solution = File.ReadAllText(Path.Combine(KataPaths.Root, "solutions", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs"));
            const string Loop = "for (int i = 0; i < a.Length; i++)";
            solution.ShouldContain(Loop, customMessage: "the solution's Dot changed; update this test");
            File.WriteAllText(file, solution.Replace(Loop, "for (int i = 0; i < a.Length;)", StringComparison.Ordinal));
            DotnetTest("loop-build", "--filter", "Checkpoint=0"); // build first: the time limit is about the tests
            string json = Path.Combine(_copy, "artifacts", "loop.json");
            var clock = System.Diagnostics.Stopwatch.StartNew();

            DotnetTest("loop", "--no-build", "--filter", "Checkpoint=1", "--logger", $"kata;json={json}");

            // The limit is CPU time, so on a busy machine the wall clock says little: what must hold is that
            // one test waits out the limit and every other one that meets the loop is over in a moment.
            // (On a quiet machine the whole run takes well under 20 s.)
            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(json));
            JsonElement[] failed = [.. report.RootElement.GetProperty("tests").EnumerateArray().Where(t => t.GetProperty("outcome").GetString() == "Failed")];
            string[] messages = [.. failed.Select(t => t.GetProperty("message").GetString() ?? string.Empty)];
            failed.Count(t => t.GetProperty("seconds").GetDouble() > 2).ShouldBe(1, $"only the first test that meets the loop should wait for the limit (the run took {clock.Elapsed.TotalSeconds:0.0} s)");
            messages.Length.ShouldBeGreaterThanOrEqualTo(5, "every Dot test fails");
            messages.ShouldAllBe(m => m.Contains("LinearAlgebra.Dot (exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line", StringComparison.Ordinal));
            messages.Count(m => m.Contains("CPU time without returning", StringComparison.Ordinal)).ShouldBe(1, "one test meets the loop; the others are not run");
        }
        finally
        {
            File.WriteAllText(file, stubs);
        }
    }

    [Test]
    [Order(4)]
    public void Code_the_kata_refuses_stops_every_test_with_one_sentence_naming_the_method_the_line_and_why()
    {
        // A Dot that looks at the call stack to find out which test is asking.
        string file = Path.Combine(_copy, "exercises", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs");
        string stubs = File.ReadAllText(file);
        try
        {
            const string Stub = "throw new NotImplementedException(\n            \"Checkpoint 1: implement LinearAlgebra.Dot";
            stubs.ShouldContain(Stub, customMessage: "the Dot stub changed; update this test");
            File.WriteAllText(file, stubs.Replace(Stub, "if (new System.Diagnostics.StackTrace().FrameCount < 0) return 0;\n        " + Stub, StringComparison.Ordinal));
            string json = Path.Combine(_copy, "artifacts", "refused.json");

            string[] output = DotnetTest("refused", "--filter", "Checkpoint=1", "--logger", $"kata;json={json}");

            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(json));
            string[] messages = [.. report.RootElement.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("message").GetString() ?? string.Empty)];
            messages.ShouldAllBe(m => m.StartsWith("Not run: your code uses what the kata does not allow", StringComparison.Ordinal), "no test runs code the grader would refuse");
            messages[0].ShouldContain("LinearAlgebra.Dot (exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 13) uses new System.Diagnostics.StackTrace(…)");
            messages[0].ShouldContain("looking at the call stack is not part of the kata");
            output.Count(l => l.Contains("Not run: your code uses what the kata does not allow", StringComparison.Ordinal))
                .ShouldBe(1, "the learner reads the reason once:\n" + string.Join('\n', output));
            output.ShouldContain(l => l.Contains($"… and {messages.Length - 1} more tests not run for the same reason", StringComparison.Ordinal));
        }
        finally
        {
            File.WriteAllText(file, stubs);
        }
    }

    [Test]
    [Order(5)]
    public void An_IDE_that_runs_every_discovered_test_runs_only_the_revealed_checkpoints_as_dotnet_test_does()
    {
        // VS Code's C# Dev Kit, Visual Studio and Rider run "Run All" by handing the list of every test they
        // discovered back to the NUnit adapter, in design mode. On a fresh copy only checkpoint 1 is revealed.
        DotnetTest("ide-build", "--filter", "Checkpoint=0");
        string assembly = Path.Combine(_copy, "tests", "Kata.Tests", "bin", "Debug", "net10.0", "Kata.Tests.dll");
        using var explorer = new TestExplorer();
        List<TestCase> discovered = explorer.Discover(assembly);
        static string CheckpointOf(TestCase test) => test.Traits.FirstOrDefault(t => t.Name == "Checkpoint")?.Value ?? "none";
        string why = string.Join('\n', explorer.Messages.TakeLast(20));

        List<TestResult> all = explorer.Run(discovered);
        List<TestResult> wholeAssembly = explorer.RunAssembly(assembly);
        List<TestResult> lockedOnly = explorer.Run(discovered.Where(t => CheckpointOf(t) == "2"));

        discovered.Count(t => CheckpointOf(t) == "2").ShouldBeGreaterThan(0, "the IDE lists the locked checkpoints too");
        all.Where(r => CheckpointOf(r.TestCase) is not ("1" or "none")).ShouldBeEmpty($"Run All with every test listed runs no test of a locked checkpoint\n{why}");
        all.Count(r => CheckpointOf(r.TestCase) == "1").ShouldBe(discovered.Count(t => CheckpointOf(t) == "1"), "every test of checkpoint 1 runs");
        wholeAssembly.Where(r => CheckpointOf(r.TestCase) is not ("1" or "none") && (r.Outcome == TestOutcome.Failed || r.ErrorMessage?.Contains(" is locked until checkpoint ", StringComparison.Ordinal) != true))
            .ShouldBeEmpty("a run of the whole assembly reports the locked tests as not run, saying why");
        lockedOnly.ShouldNotBeEmpty("running only a locked checkpoint's tests runs them early, as dotnet test --filter Checkpoint=2 does");
        lockedOnly.Where(r => CheckpointOf(r.TestCase) != "2" || r.Outcome != TestOutcome.Failed || !r.ErrorMessage!.StartsWith("Not implemented yet.", StringComparison.Ordinal))
            .ShouldBeEmpty("each of them meets its stub");
    }

    private string[] DotnetTest(string name, params string[] arguments)
    {
        string log = Path.Combine(_copy, "artifacts", name + ".log");
        ProcessResult result = ProcessRunner.Run("dotnet", ["test", .. arguments], _copy, log, timeout: TimeSpan.FromMinutes(5));
        result.TimedOut.ShouldBeFalse($"dotnet test took more than 5 minutes; see {log}");
        return File.ReadAllLines(log);
    }

    // The kata as a clone has it: no build output, no learner state, no downloads.
    internal static void CopyTree(string from, string to)
    {
        foreach (string dir in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj" or ".git" or ".kata" or "artifacts" or "data" or "TestResults" or "StrykerOutput"))
            {
                CopyTree(dir, Directory.CreateDirectory(Path.Combine(to, name)).FullName);
            }
        }

        foreach (string file in Directory.EnumerateFiles(from).Where(f => Path.GetFileName(f) != ".git"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
