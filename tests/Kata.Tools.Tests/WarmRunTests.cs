using System.Globalization;
using Kata.Cli.Infrastructure;
using Kata.Cli.Learner.Warm;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// kata watch's two ways to a verdict agree: the full <c>dotnet test</c> and the warm worker (the changed
/// learner code compiled in process, the built tests run by NUnit's runner in a load context of their own)
/// give every test the same outcome, message and blamed site, and the run the same kata lines — for the
/// stubs, for a plain learner's checkpoints 1–5 and for a broken submission (an endless loop, a stub, a
/// wrong answer). One copy of the kata, built by the first run; each scenario's files are laid over it.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class WarmRunTests
{
    private static readonly int[] FirstFive = [1, 2, 3, 4, 5];

    private string _copy = string.Empty;
    private string? _mnist;
    private string? _mnistBefore;
    private WarmClient? _worker;
    private (DateTime From, DateTime Until) _built;

    [OneTimeSetUp]
    public void CopyTheKata()
    {
        _copy = Directory.CreateTempSubdirectory("kata-warm-").FullName;
        LearnerLoopTests.CopyTree(KataPaths.Root, _copy);

        // No MNIST: checkpoint 4's graded run fails at once, the same way both ways, instead of training twice.
        _mnist = Directory.CreateTempSubdirectory("kata-warm-no-mnist-").FullName;
        _mnistBefore = Environment.GetEnvironmentVariable("MNIST_DIR");
        Environment.SetEnvironmentVariable("MNIST_DIR", _mnist);
        _worker = new WarmClient(_copy, ["dotnet", Path.Combine(AppContext.BaseDirectory, "kata.dll"), "worker"]);
    }

    [OneTimeTearDown]
    public void DeleteTheCopy()
    {
        _worker?.Dispose();
        Environment.SetEnvironmentVariable("MNIST_DIR", _mnistBefore);
        if (TestContext.CurrentContext.Result.FailCount == 0)
        {
            Directory.Delete(_copy, recursive: true); // kept when a test failed, for its logs
        }

        Directory.Delete(_mnist!, recursive: true);
    }

    [Test]
    [Order(1)]
    public void The_stubs_get_the_same_verdict_both_ways_whether_their_checkpoints_are_unlocked_or_not()
    {
        Full("stubs", FirstFive, out TestRunReport full, unlocked: 5);

        // Saved again after the build: the worker compiles them itself.
        foreach (string file in Directory.EnumerateFiles(Path.Combine(_copy, "exercises"), "*.cs", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
        }

        TestRunReport warm = Warm("stubs", FirstFive, _built, out WarmReply reply, unlocked: 5);

        reply.Compiled.Count.ShouldBe(11, "every learner project was saved after the build");
        Same(full, warm, FirstFive);
        full.Tests.Count(t => t.Outcome == "Failed").ShouldBeGreaterThan(100, "the stubs fail");

        // A locked checkpoint run early (its tests hidden until then): both ways run it all the same.
        Full("stubs-locked", [3], out TestRunReport lockedFull, "--no-build");
        TestRunReport lockedWarm = Warm("stubs-locked", [3], _built, out _);
        Same(lockedFull, lockedWarm, [3]);
        lockedFull.Tests.ShouldContain(t => t.Checkpoint == 3 && t.Outcome == "Failed", "a locked checkpoint named by the filter runs");
    }

    [Test]
    [Order(2)]
    public void A_plain_learners_checkpoints_get_the_same_verdict_both_ways()
    {
        string naive = Path.Combine(KataPaths.Root, "tests", "scenarios", "naive");
        foreach (string file in Directory.EnumerateFiles(naive, "*.*", SearchOption.AllDirectories).Where(f => Path.GetExtension(f) is ".cs" or ".md"))
        {
            string relative = Path.GetRelativePath(naive, file);
            if (relative.StartsWith("Checkpoint", StringComparison.Ordinal))
            {
                // Saved now, as an editor saves (a copy keeps the original's time, which no build would notice).
                string target = Path.Combine(_copy, "exercises", relative);
                File.Copy(file, target, overwrite: true);
                File.SetLastWriteTimeUtc(target, DateTime.UtcNow);
            }
        }

        // The worker first, from the stubs' build; then the full run builds the learner's code.
        (DateTime, DateTime) stubsBuilt = _built;
        TestRunReport warm = Warm("naive", FirstFive, stubsBuilt, out WarmReply reply, unlocked: 5);
        Full("naive", FirstFive, out TestRunReport full, unlocked: 5);

        reply.Compiled.ShouldContain("Checkpoint02.Optimization");
        Same(full, warm, FirstFive);
        full.Tests.Where(t => t.Checkpoint is 1 or 2 or 3).ShouldAllBe(t => t.Passed, "the plain learner passes checkpoints 1–3");
    }

    [Test]
    [Order(3)]
    public void A_broken_submission_gets_the_same_verdict_both_ways_and_a_fresh_worker_after_its_endless_loop()
    {
        // The plain learner's checkpoint 1 broken three ways, as in tests/scenarios/broken: Dot thrown away, an
        // endless loop in Subtract, and a wrong Scale. Its private members stay the plain learner's, so that
        // its reference assembly is theirs and the full run compiles this project alone.
        string linearAlgebra = Path.Combine(_copy, "exercises", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs");
        string broken = File.ReadAllText(linearAlgebra);
        (string Right, string Wrong)[] faults =
        [
            ("public static double Dot(double[] a, double[] b)\n    {\n", "public static double Dot(double[] a, double[] b)\n    {\n        throw new NotImplementedException();\n"),
            ("CheckSameShape(\"Subtract\", a, b);\n", "CheckSameShape(\"Subtract\", a, b);\n        while (a.Rows > 0)\n        {\n        }\n\n"),
            ("result[i, j] = factor * a[i, j];", "result[i, j] = factor + a[i, j];"),
        ];
        foreach ((string right, string wrong) in faults)
        {
            broken.ShouldContain(right, Case.Sensitive, "the plain learner's checkpoint 1 changed; update this test");
            broken = broken.Replace(right, wrong, StringComparison.Ordinal);
        }

        File.WriteAllText(linearAlgebra, broken);

        // A public API of its own (a new public class) sends the worker's caller the long way: the tests are
        // compiled against the learner's reference assemblies, so only a build can take it.
        string extra = Path.Combine(_copy, "exercises", "Checkpoint01.LinearAlgebra", "Extra.cs");
        File.WriteAllText(extra, "namespace NeuralNet;\n\npublic static class Extra\n{\n    public static int One() => 1;\n}\n");
        (DateTime From, DateTime Until) naiveBuilt = _built;
        WarmReply? stepAside = _worker!.Run(new WarmRequest([1], Path.Combine(_copy, "artifacts", "broken-long-way.json"), naiveBuilt.From, naiveBuilt.Until), CancellationToken.None);
        stepAside.ShouldNotBeNull($"the worker stopped; see {_worker.LogPath}");
        stepAside.Kind.ShouldBe(WarmReply.LongWay);
        stepAside.Reason.ShouldBe("the public API of Checkpoint01.LinearAlgebra changed, so the tests are compiled again");
        File.Delete(extra);

        // The full run first, then the worker on the file saved again. The plain learner's build rewrote the
        // built tests after this worker had loaded them: it must load the new ones. One run after the other,
        // so that each has a core for the loop's CPU limit (the limit is CPU time, but a wall clock backs it up).
        Full("broken", [1], out TestRunReport full);
        File.SetLastWriteTimeUtc(linearAlgebra, DateTime.UtcNow);
        TestRunReport warm = Warm("broken", [1], _built, out WarmReply reply);

        reply.Compiled.ShouldBe(["Checkpoint01.LinearAlgebra"]);
        reply.Restart.ShouldBeTrue("the loop still runs in the worker, which must not serve again");
        Same(full, warm, [1]);
        full.Tests.ShouldContain(t => t.Message != null && t.Message.Contains("LinearAlgebra.Subtract", StringComparison.Ordinal) && t.Message.Contains("CPU time without returning", StringComparison.Ordinal));
        full.Tests.ShouldContain(t => t.Name.StartsWith("Dot", StringComparison.Ordinal) && t.Outcome == "Failed" && t.Message!.StartsWith(StubOrder.StubPrefix, StringComparison.Ordinal));
        full.Tests.ShouldContain(t => t.Name.StartsWith("Scale", StringComparison.Ordinal) && t.Outcome == "Failed" && t.Site != null && t.Site.StartsWith("test: ElementWiseTests.Scale", StringComparison.Ordinal), "a wrong answer is blamed on the test's line");
    }

    private void Full(string name, int[] checkpoints, out TestRunReport report, params string[] extra) =>
        Full(name, checkpoints, out report, unlocked: null, extra);

    private void Full(string name, int[] checkpoints, out TestRunReport report, int? unlocked, params string[] extra)
    {
        StartFrom(unlocked);
        DateTime from = DateTime.UtcNow;
        report = DotnetTest.Run(
            _copy,
            "exercises",
            Path.Combine(_copy, "artifacts", $"{name}-full.log"),
            new Dictionary<string, string?> { ["MNIST_DIR"] = _mnist },
            ["--filter", string.Join('|', checkpoints.Select(n => $"Checkpoint={n}")), .. extra],
            timeout: TimeSpan.FromMinutes(5),
            target: Path.Combine(_copy, "tests", "Kata.Tests", "Kata.Tests.csproj"));
        report.Tests.ShouldNotBeEmpty($"dotnet test ran no test; see {report.LogPath}");
        if (extra.Length == 0)
        {
            _built = (from, DateTime.UtcNow);
        }
    }

    private TestRunReport Warm(string name, int[] checkpoints, (DateTime From, DateTime Until) built, out WarmReply reply, int? unlocked = null)
    {
        StartFrom(unlocked);
        string json = Path.Combine(_copy, "artifacts", $"{name}-warm.json");
        reply = _worker!.Run(new WarmRequest(checkpoints, json, built.From, built.Until), CancellationToken.None)
            ?? throw new AssertionException($"the worker stopped; see {_worker.LogPath}");
        reply.Kind.ShouldBe(WarmReply.Ran, $"{reply.Reason} {string.Join('\n', reply.Lines)}");
        TestRunReport report = DotnetTest.Read(json, exitCode: 0, timedOut: false, logPath: _worker.LogPath);
        if (reply.Restart)
        {
            _worker.Restart();
        }

        return report;
    }

    // Both ways start from the same learner's state (a fresh start, or checkpoints up to `unlocked` revealed),
    // so that both reveal the same and say the same.
    private void StartFrom(int? unlocked)
    {
        foreach (string file in (string[])["progress", "results"])
        {
            if (File.Exists(Path.Combine(_copy, ".kata", file)))
            {
                File.Delete(Path.Combine(_copy, ".kata", file));
            }
        }

        if (unlocked is int n)
        {
            new Progress(_copy).Unlock(n);
        }
    }

    private static void Same(TestRunReport full, TestRunReport warm, int[] checkpoints)
    {
        static Dictionary<string, string> Verdicts(TestRunReport report, int[] checkpoints) =>
            report.Tests.Where(t => t.Checkpoint is int n && checkpoints.Contains(n))
                .ToDictionary(t => t.FullyQualifiedName, t => string.Create(CultureInfo.InvariantCulture, $"{t.Checkpoint} {t.Outcome} | {t.Message} | {t.Site} | {string.Join(",", t.Grades ?? [])} | {t.Kind}"));

        Dictionary<string, string> expected = Verdicts(full, checkpoints);
        Dictionary<string, string> actual = Verdicts(warm, checkpoints);
        string[] differences =
        [
            .. expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
                .Where(test => expected.GetValueOrDefault(test) != actual.GetValueOrDefault(test))
                .Select(test => $"{test}\n  dotnet test: {expected.GetValueOrDefault(test) ?? "(not run)"}\n  worker:      {actual.GetValueOrDefault(test) ?? "(not run)"}"),
        ];
        differences.ShouldBeEmpty($"{differences.Length} of {expected.Count} tests differ:\n{string.Join('\n', differences.Take(5))}");
        warm.Summary.ShouldBe(full.Summary, "the kata's lines at the end of the run");
    }
}
