using System.CommandLine;
using Kata.Maintainer.Verify;

namespace Kata.Maintainer.Commands;

/// <summary>
/// `kata verify` — the maintainer's check that the kata is sound: on the solutions track every test
/// passes; on the exercises track every graded test fails (a test that passes on a stub cannot fail
/// and proves nothing); the kata's rules pass on both. Ends with the line "N passed, N failed".
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Echo the full dotnet test output while it runs." };
        var quick = new Option<bool>("--quick") { Description = "Only the two test runs: skip the grading scenarios and the release export (a few minutes)." };
        var mutants = new Option<bool>("--mutants") { Description = "Only the mutation check: do the visible tests catch the reference solutions' mutants? (Stryker.NET, 15 to 25 minutes on 2 cores)" };
        var command = new Command("verify", "Maintainers: check that every test passes on the solutions, every graded test fails on the stubs, grading can be trusted and the learner release is clean.")
        {
            verbose, quick, mutants,
        };
        command.SetAction(parse => parse.GetValue(mutants) ? MutationCheck.Run(DotnetTest.Root, Console.Out) : Run(parse.GetValue(verbose), parse.GetValue(quick)));
        return command;
    }

    private static int Run(bool verbose, bool quick)
    {
        string root = DotnetTest.Root;
        if (!Directory.Exists(Path.Combine(root, "solutions")))
        {
            Console.Error.WriteLine("kata verify needs the solutions/ folder, which a learner's copy does not have.");
            return ExitCodes.Environment;
        }

        // KATA_VERIFY_ATTACKS=13-forge-through-nunit,05-links replays only those attacks and nothing else:
        // for a maintainer at work on one.
        if (Environment.GetEnvironmentVariable("KATA_VERIFY_ATTACKS") is { Length: > 0 } attacks)
        {
            var found = new List<string>();
            Console.WriteLine($"Grading: only the attacks {attacks} …");
            GradingScenarios.Run(root, Path.Combine(Path.GetTempPath(), "kata-verify"), found, Console.Out);
            foreach (string problem in found)
            {
                Console.WriteLine("  " + problem);
            }

            Console.WriteLine(found.Count == 0 ? "Every attack replayed gained nothing." : $"PROBLEMS: {found.Count}");
            return found.Count == 0 ? ExitCodes.Ok : ExitCodes.NotYet;
        }

        string outDir = Path.Combine(root, "artifacts", "verify");
        var gradeMode = new Dictionary<string, string?> { ["KATA_GRADE"] = "1" };
        TextWriter? echo = verbose ? Console.Out : null;
        var problems = new List<string>();

        int steps = quick ? 3 : 5;
        Console.WriteLine($"1/{steps}  Solutions track: every test must pass (grade mode: all checkpoints and hold-outs, the hold-outs with four seeds) …");
        TestRunReport solutions = DotnetTest.Run(root, "solutions", Path.Combine(outDir, "solutions.log"), gradeMode, echo: echo, annotateOnGitHub: true);
        CheckRan(solutions, "solutions", problems);
        foreach (TestRecord test in solutions.Tests.Where(t => !t.Passed))
        {
            problems.Add($"solutions: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
        }

        // The hold-outs draw their inputs from a seed of each submission's own: correct code must pass for
        // every seed, so the solutions run them again with a few more (fixed, so CI stays repeatable). The
        // three runs take the test assembly built above straight to VSTest, side by side (each is one
        // thread of tests, most of it).
        TestRunReport[] drawn = new TestRunReport[HoldOutSeeds.Length];
        Parallel.For(0, HoldOutSeeds.Length, i => drawn[i] = DotnetTest.Run(
            root,
            "solutions",
            Path.Combine(outDir, $"holdouts-seed-{HoldOutSeeds[i]}.log"),
            new Dictionary<string, string?>(gradeMode) { ["KATA_HOLDOUT_SEED"] = HoldOutSeeds[i] },
            ["--filter", "Kind=HoldOut"],
            echo: echo,
            target: Path.Combine(root, "tests", "Kata.Tests", "bin", "Debug", "net10.0", "Kata.Tests.dll")));
        foreach ((string seed, TestRunReport run) in HoldOutSeeds.Zip(drawn))
        {
            CheckRan(run, $"solutions (hold-outs, seed {seed})", problems);
            foreach (TestRecord test in run.Tests.Where(t => !t.Passed))
            {
                problems.Add($"solutions, hold-outs drawn with seed {seed}: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
            }
        }

        Console.WriteLine($"2/{steps}  Exercises track: every graded test must fail on the stubs, the rules must pass …");
        TestRunReport exercises = DotnetTest.Run(root, "exercises", Path.Combine(outDir, "exercises.log"), gradeMode, echo: echo);
        CheckRan(exercises, "exercises", problems);
        foreach (TestRecord test in exercises.Tests)
        {
            if (test.IsRule && !test.Passed)
            {
                problems.Add($"exercises: rule {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
            }
            else if (!test.IsRule && test.Checkpoint is null)
            {
                problems.Add($"exercises: {test.FullyQualifiedName} has no Checkpoint property");
            }
            else if (!test.IsRule && test.Outcome != "Failed")
            {
                problems.Add($"exercises: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()} on the stubs — a test that cannot fail");
            }
        }

        var missingOnStubs = solutions.Tests.Select(t => t.FullyQualifiedName).Except(exercises.Tests.Select(t => t.FullyQualifiedName)).ToList();
        problems.AddRange(missingOnStubs.Select(name => $"exercises: {name} ran on the solutions but not on the stubs"));

        // Grading before the tooling tests: the tooling tests that grade a class then find the build folders
        // these grades leave (WorkspacePool) and compile only what differs, not the whole kata again.
        string scratch = Path.Combine(Path.GetTempPath(), "kata-verify");
        if (!quick)
        {
            Console.WriteLine($"3/{steps}  Grading: solutions get full marks, stubs nothing, edited tests, an endless loop and a crash cost only their own tests, grades repeat exactly …");
            GradingScenarios.Run(root, scratch, problems, Console.Out);
        }

        // The tooling lives outside the solution (the learner's loop never builds it), so it is checked
        // here: the training program and the benchmarks must build against both tracks' API, and the
        // tooling tests pass.
        Console.WriteLine($"{(quick ? 3 : 4)}/{steps}  Tooling: the training program and the benchmarks build on both tracks, checkpoint 12's fast paths pass a smoke test, the tooling tests pass, the code is formatted as .editorconfig says …");
        foreach (string track in (string[])["exercises", "solutions"])
        {
            foreach ((string name, string what, string project) in (ReadOnlySpan<(string, string, string)>)[
                ("train", "the training program", Path.Combine(root, "tools", "Kata.Train", "Kata.Train.csproj")),
                ("bench", "the benchmarks", Path.Combine(root, "bench", "Kata.Bench", "Kata.Bench.csproj"))])
            {
                string log = Path.Combine(outDir, $"{name}-{track}.log");
                if (!DotnetTest.Build(root, track, log, project: project))
                {
                    problems.Add($"tools: {what} does not build against {track}/; see {Path.GetRelativePath(root, log)}");
                }
                else if (name == "bench")
                {
                    SmokeTestFastPaths(root, outDir, track, problems);
                }
            }
        }

        // The tooling tests also say how much of the tooling they run (coverlet, the test projects' collector).
        string coverage = Path.Combine(outDir, "coverage");
        if (Directory.Exists(coverage))
        {
            Directory.Delete(coverage, recursive: true);
        }

        // Built first, so that the format check and the release check (step 5) can run beside the tooling
        // tests: after their first two minutes those run one fixture at a time and leave about a third of
        // the machine idle, and neither check writes anything the tests read (the format check only reads
        // the sources, the release check builds in a folder of its own). At the lowest priority (NiceThread):
        // beside the class grades, which keep both cores busy, they slowed those down by half (CI17), so they
        // take only what the tests leave. The format check needs every project restored, which this build
        // finishes.
        string toolsProject = Path.Combine(root, "tests", "Kata.Tools.Tests", "Kata.Tools.Tests.csproj");
        bool toolsBuilt = DotnetTest.Build(root, "solutions", Path.Combine(outDir, "tools-build.log"), project: toolsProject);
        var formatProblems = new List<string>();
        var releaseProblems = new List<string>();
        var release = new StringWriter();
        Task beside = Task.Factory.StartNew(
            () =>
            {
                if (OperatingSystem.IsLinux())
                {
                    NiceThread.LowerThisThread(); // this thread is the task's own (LongRunning): it ends with it
                }

                CheckFormat(root, outDir, formatProblems);
                if (!quick)
                {
                    ReleaseCheck.Run(root, scratch, releaseProblems, release);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // The results come from VSTest's TRX logger: with coverlet's collector in the run, the kata logger
        // is handed none of them (TrxResults says more).
        string trx = Path.Combine(outDir, "tools.trx");
        File.Delete(trx);
        TestRunReport tools = DotnetTest.Run(
            root, "solutions", Path.Combine(outDir, "tools.log"), echo: echo, annotateOnGitHub: true,
            target: toolsProject,
            extraArguments: [.. toolsBuilt ? ["--no-build"] : Array.Empty<string>(), "--logger", $"trx;LogFileName={trx}", "--collect", "XPlat Code Coverage", "--results-directory", coverage, "--", $"DataCollectionRunSettings.DataCollectors.DataCollector.Configuration.Exclude={ToolingCoverage.Excluded}"]);
        tools = tools with { Tests = TrxResults.Read(trx) };
        CheckRan(tools, "tools", problems);
        if (tools.ExitCode != 0 && !tools.Tests.Any(t => t.Outcome == "Failed"))
        {
            problems.Add($"tools: dotnet test exited with {tools.ExitCode} and no test failed: a build error or a crash; see {Path.GetRelativePath(root, tools.LogPath)}");
        }
        Console.WriteLine($"     {ToolingCoverage.Summary(root, coverage)}");
        beside.Wait();
        problems.AddRange(formatProblems);
        // A tooling test that needs an optional tool (Node.js, Chromium) says so and is skipped where the tool
        // is missing: a note, not a problem. .ci/run installs them.
        foreach (TestRecord test in tools.Tests.Where(t => !t.Passed && t.Outcome != "Skipped"))
        {
            problems.Add($"tools: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
        }

        foreach (TestRecord test in tools.Tests.Where(t => t.Outcome == "Skipped"))
        {
            Console.WriteLine($"     skipped: {test.Name} — {FirstLine(test.Message)}");
        }

        if (!quick)
        {
            Console.WriteLine($"5/{steps}  Learner release: no solutions or hold-outs, it builds, its stubs fail (checked beside the tooling tests) …");
            Console.Write(release.ToString());
            problems.AddRange(releaseProblems);
        }

        Console.WriteLine();
        PrintTable(solutions, exercises);
        Console.WriteLine($"{"tools",-12}{$"{tools.Tests.Count(t => t.Passed)}/{tools.Tests.Count}",16}");
        WriteStepSummary(solutions, exercises, problems);
        Console.WriteLine();
        if (problems.Count > 0)
        {
            Console.WriteLine($"PROBLEMS ({problems.Count}):");
            foreach (string problem in problems)
            {
                Console.WriteLine("  " + problem);
            }

            Console.WriteLine($"Full output: {Path.GetRelativePath(root, solutions.LogPath)}, {Path.GetRelativePath(root, exercises.LogPath)}, {Path.GetRelativePath(root, tools.LogPath)}");
        }
        else
        {
            Console.WriteLine(quick
                ? "The kata is sound: every test passes on the solutions, every graded test fails on the stubs, and the tooling builds and passes its tests."
                : "The kata is sound: every test passes on the solutions, every graded test fails on the stubs, the tooling passes its tests, grading can be trusted and the learner release is clean.");
        }

        // The last line, for CI: the counts of the solutions run and the tooling tests.
        int passed = solutions.Tests.Count(t => t.Passed) + tools.Tests.Count(t => t.Passed);
        int failed = solutions.Tests.Count(t => !t.Passed) + (solutions.Aborted ? 1 : 0) + tools.Tests.Count(t => !t.Passed && t.Outcome != "Skipped") + (tools.Aborted ? 1 : 0);
        Console.WriteLine($"{passed} passed, {failed} failed");
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.NotYet;
    }

    // Checkpoint 12's fast products and fast training, for correctness only (a few seconds; speed is the
    // benchmarks' business): `kata-bench check` on the bench just built. On the stubs it must say "not yet"
    // and pass; on the reference it runs once as this processor is, then as an AVX2-only processor and as
    // a Vector128-only (Arm-like) one would, so that every micro-kernel is run on any x86 machine.
    private static void SmokeTestFastPaths(string root, string outDir, string track, List<string> problems)
    {
        string bench = Path.Combine(root, "bench", "Kata.Bench", "bin", "Debug", "net10.0", "kata-bench.dll");
        (string Name, Dictionary<string, string?> Environment)[] processors = track == "solutions"
            ? [("as it is", []), ("AVX2 only", new() { ["DOTNET_EnableAVX512"] = "0" }), ("Vector128 only", new() { ["DOTNET_PreferredVectorBitWidth"] = "128" })]
            : [("as it is", [])];
        foreach ((string name, Dictionary<string, string?> environment) in processors)
        {
            string log = Path.Combine(outDir, $"bench-check-{track}-{name.Replace(' ', '-')}.log");
            ProcessResult check = ProcessRunner.Run("dotnet", [bench, "check"], root, log, environment, timeout: TimeSpan.FromMinutes(2));
            if (check.ExitCode != 0)
            {
                problems.Add($"tools: checkpoint 12's fast paths on {track}/ ({name}) gave a wrong result or failed; see {Path.GetRelativePath(root, log)}");
            }
        }
    }

    // `dotnet format --verify-no-changes` over every project in one pass: the maintainer's solution lists
    // the exercises/ projects, and KataTrack=solutions in the environment makes the tests' references (and
    // so the workspace) take solutions/ as well. Without its restore first (a fifth of its time: the steps
    // before restored every project); should that fail, once more with it, so that only the code decides.
    private static void CheckFormat(string root, string outDir, List<string> problems)
    {
        string log = Path.Combine(outDir, "format.log");
        ProcessResult Format(params string[] options) => ProcessRunner.Run(
            "dotnet",
            ["format", Path.Combine(root, "tools", "NeuralNetKata.Maintainers.slnx"), "--verify-no-changes", .. options],
            root,
            log,
            new Dictionary<string, string?> { ["KataTrack"] = "solutions" });
        ProcessResult result = Format("--no-restore");
        if (result.ExitCode != 0)
        {
            result = Format();
        }

        if (result.ExitCode != 0)
        {
            problems.Add($"format: `dotnet format` would change files (run `KataTrack=solutions dotnet format tools/NeuralNetKata.Maintainers.slnx`); see {Path.GetRelativePath(root, log)}");
        }
    }

    // Seeds of the hold-outs' inputs beside the default one (a submission's seed is 16 hexadecimal digits).
    private static readonly string[] HoldOutSeeds = ["1", "5eed0f00d5eed0f0", "c0ffee"];

    private static void CheckRan(TestRunReport run, string track, List<string> problems)
    {
        if (run.Aborted || run.Tests.Count == 0)
        {
            problems.Add($"{track}: the test run did not complete (build error or crash); see {run.LogPath}");
        }
    }

    // One row per checkpoint (and the rules): tests passing on the solutions, tests failing on the stubs.
    private static List<(string Group, string Solutions, string Stubs)> Rows(TestRunReport solutions, TestRunReport exercises)
    {
        static string GroupOf(TestRecord t) => t.IsRule ? "rules" : t.Checkpoint?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
        return
        [
            .. solutions.Tests.Concat(exercises.Tests).Select(GroupOf).Distinct()
                .OrderBy(g => int.TryParse(g, out int n) ? n : int.MaxValue).ThenBy(g => g, StringComparer.Ordinal).Select(group =>
            {
                var s = solutions.Tests.Where(t => GroupOf(t) == group).ToList();
                var e = exercises.Tests.Where(t => GroupOf(t) == group).ToList();
                string stubs = group == "rules" ? $"{e.Count(t => t.Passed)}/{e.Count} pass" : $"{e.Count(t => t.Outcome == "Failed")}/{e.Count}";
                return (group, $"{s.Count(t => t.Passed)}/{s.Count}", stubs);
            }),
        ];
    }

    private static void PrintTable(TestRunReport solutions, TestRunReport exercises)
    {
        Console.WriteLine($"{"checkpoint",-12}{"solutions pass",16}{"stubs fail",12}");
        foreach ((string group, string s, string e) in Rows(solutions, exercises))
        {
            Console.WriteLine($"{group,-12}{s,16}{e,12}");
        }
    }

    // On GitHub Actions, the same table and the problems in the job summary.
    private static void WriteStepSummary(TestRunReport solutions, TestRunReport exercises, List<string> problems)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is not { Length: > 0 } path)
        {
            return;
        }

        var md = new System.Text.StringBuilder();
        md.AppendLine(problems.Count == 0 ? "## Kata verified ✅" : $"## Kata verification: {problems.Count} problem(s) ❌");
        md.AppendLine();
        md.AppendLine("| Checkpoint | Solutions pass | Stubs fail |");
        md.AppendLine("|---|---:|---:|");
        foreach ((string group, string s, string e) in Rows(solutions, exercises))
        {
            md.AppendLine($"| {group} | {s} | {e} |");
        }

        foreach (string problem in problems)
        {
            md.AppendLine($"- {problem}");
        }

        File.AppendAllText(path, md.ToString());
    }

    private static string FirstLine(string? message) => (message ?? string.Empty).Split('\n')[0].Trim();
}
