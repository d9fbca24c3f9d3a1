using System.Diagnostics;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Grading;

/// <summary>
/// Grades one submission: lays the learner's source files over a private copy of the pristine kata,
/// builds it, checks the compiled code's rules from its metadata, runs the tests in the sandbox (again
/// without the tests already done whenever the test host crashes, so a crash costs only its own test),
/// and decides every verdict outside the sandbox: the tests counted are the pristine plan's, a graded
/// training run is judged from its report, and a method earns its points only when all its tests pass.
/// </summary>
public sealed class Grader(GradingSession session, TextWriter progress)
{
    /// <summary>One test-host run is stopped after this long, whatever happens inside.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(20);

    /// <summary>How often a crashed test host is started again for the tests that did not run.</summary>
    public const int MaxRestarts = 12;


    /// <summary>The hold-outs' seed (Kata.TestSupport's GradeTime.SeedVariable).</summary>
    public const string HoldOutSeedVariable = "KATA_HOLDOUT_SEED";

    /// <summary>The key the test guard signs its witness lines with (Kata.TestSupport's GradeSecrets).</summary>
    public const string WitnessKeyVariable = "KATA_WITNESS_KEY";

    /// <summary>Asks the sandboxed test host to make itself non-dumpable at start (Kata.TestSupport's StartupHook).</summary>
    public const string SealVariable = "KATA_SEAL";

    private const int MessageLength = 240;

    // Compiles the learner's projects with optimizations for the grade (Directory.Build.props).
    private const string OptimizeLearnerCode = "-p:KataOptimize=true";

    /// <summary>
    /// Grades the learner's copy at <paramref name="submission"/>; logs go to <paramref name="logDirectory"/>.
    /// With <paramref name="only"/>, only that checkpoint is run (the others are reported as not graded).
    /// </summary>
    public GradeReport Grade(string submissionName, string submission, string logDirectory, int? only = null)
    {
        DirectoryInfo scratch = Directory.CreateTempSubdirectory("kata-grade-");
        WorkspacePool.Lease? lease = null;
        bool completed = false;
        try
        {
            // Folders below the private one get names nobody can guess: when the grader is root, the
            // sandbox's user may pass through the private folder but not list it (Sandbox.PreparePrivateFolder).
            session.Sandbox?.PreparePrivateFolder(scratch.FullName);

            // The build folder of an earlier grade, if one is free: its sources become this submission's,
            // and the build compiles only what differs (WorkspacePool).
            lease = session.Workspaces.Take();
            var workspace = Workspace.Create(session.Pristine, submission, lease.Path);
            GradeReport report = Grade(submissionName, workspace, scratch.FullName, logDirectory, only);
            completed = true;
            return report;
        }
        finally
        {
            // KATA_GRADE_KEEP=1 keeps this grade's folders as they are, for a maintainer looking into it
            // (the workspace until a later grade takes it).
            bool keep = Environment.GetEnvironmentVariable("KATA_GRADE_KEEP") is "1";
            lease?.Return(reusable: completed || keep);
            try
            {
                if (!keep)
                {
                    scratch.Delete(recursive: true);
                }
                else
                {
                    progress.WriteLine($"Kept {scratch.FullName} and the workspace {lease?.Path}.");
                }
            }
            catch (IOException)
            {
                // A file still open by a process that is ending; the system's temp cleaner takes it.
            }
        }
    }

    private GradeReport Grade(string submissionName, Workspace workspace, string scratch, string logDirectory, int? only)
    {
        Curriculum curriculum = session.Curriculum;
        if (Directory.Exists(logDirectory))
        {
            Directory.Delete(logDirectory, recursive: true); // logs of an earlier grade would mislead
        }

        progress.WriteLine($"Building {submissionName} …");
        string buildLog = Path.Combine(logDirectory, "build.log");
        // The learner's code is compiled optimized (Directory.Build.props, KataOptimize): the graded MNIST
        // run of a plain triple-loop network takes a third of the time it takes in a Debug build.
        // Without the restore where an earlier build here did it (Workspace.Restored); should that build
        // fail, it is done again with the restore, so that nothing outside the folder (a NuGet cache
        // cleared since) can fail a grade: a learner's compile error costs one build more.
        // Nothing at all where nothing changed since a build that succeeded (Workspace.Built).
        bool built = workspace.Built;
        bool restored = workspace.Restored;
        if (built)
        {
            Directory.CreateDirectory(logDirectory);
            File.WriteAllText(buildLog, "Not built again: no file changed since the last build of this folder, which succeeded.\n");
        }
        else if (session.PristineApi is { } api)
        {
            // First against the stubs' assemblies (Directory.Build.targets, KataPristineApi): only the
            // projects whose sources changed compile. Kept only when the learner's assemblies have exactly
            // the stubs' names, versions and public API, where compiling against their own would give the
            // same code; otherwise built again as the learner builds, so that a grade never depends on it.
            bool compiled = DotnetTest.Build(workspace.Root, "exercises", buildLog, extraArguments: [OptimizeLearnerCode, $"-p:KataPristineApi={api}", .. restored ? ["--no-restore"] : Array.Empty<string>()], visibleLog: true);
            built = compiled && LearnerAssemblies.SameAs(LearnerAssemblies.Find(workspace.Root), api, session.Plan.Api);
            restored = compiled; // a failure may be the restore's (a NuGet cache cleared since): then restore
        }

        built = built || (restored && DotnetTest.Build(workspace.Root, "exercises", buildLog, extraArguments: [OptimizeLearnerCode, "--no-restore"], visibleLog: true));
        built = built || DotnetTest.Build(workspace.Root, "exercises", buildLog, extraArguments: [OptimizeLearnerCode], visibleLog: true);
        if (built)
        {
            workspace.MarkBuilt();
        }

        var build = new BuildGrade(built, built ? [] : FirstErrors(buildLog, workspace.Root));

        (RulesGrade rules, IReadOnlyList<string> refused) = built ? CheckRules(workspace.Root) : (new RulesGrade(false, ["Not checked: the code does not compile."]), []);
        var flags = new List<GradeFlag>(workspace.Tampered.Select(t => new GradeFlag("tampered", t)));
        flags.AddRange(rules.Problems.Select(p => new GradeFlag(refused.Contains(p) ? "refused" : "rules", p)));

        Dictionary<string, TestDecision> verdicts = built && rules.Passed
            ? RunTests(workspace, scratch, logDirectory, only, flags)
            : [];
        flags.AddRange(HoldOutFlags(verdicts));
        string why = !built ? "build failed" : !rules.Passed ? "rules broken" : "not graded";

        var checkpoints = new List<CheckpointGrade>();
        foreach (Checkpoint checkpoint in curriculum.Checkpoints)
        {
            var tests = session.Plan.Tests.Where(t => t.Checkpoint == checkpoint.Id && t.Kind != KindRules).ToList();
            bool graded = (only is null || only == checkpoint.Id) && verdicts.Count > 0;
            checkpoints.Add(graded
                ? Score(checkpoint, tests, verdicts, workspace.Root)
                : new CheckpointGrade(checkpoint.Id, checkpoint.Title, checkpoint.Required, checkpoint.InstructorReads, 0, tests.Count, 0, checkpoint.Points, tests.Count == 0 ? "no tests" : why, [], []));
        }

        double Sum(Func<CheckpointGrade, bool> which) => Math.Round(checkpoints.Where(which).Sum(c => c.Points), 2, MidpointRounding.AwayFromZero);
        TestDecision? mnist = verdicts.Values.FirstOrDefault(v => v.Run == GradedRunSpec.Mnist.Name);
        bool passed = built && rules.Passed
            && checkpoints.Where(c => c.Required && (only is null || c.Id == only)).All(c => c.Total > 0 && c.Passed == c.Total);

        return new GradeReport(
            submissionName,
            Sum(c => c.Required && !c.InstructorReads),
            curriculum.Checkpoints.Where(c => c.Required).Sum(c => c.Points),
            Sum(c => c.Required && c.InstructorReads),
            [.. curriculum.Checkpoints.Where(c => c.InstructorReads).Select(c => c.Id)],
            Sum(c => !c.Required),
            curriculum.Checkpoints.Where(c => !c.Required).Sum(c => c.Points),
            passed,
            session.Sandbox is null
                ? "none: the code ran directly on this machine (a learner's own copy, or --no-sandbox)"
                : "bubblewrap: own user, process and network namespaces; read-only system; " + Sandbox.DescribeLimits(),
            new MnistGrade(mnist?.Accuracy, curriculum.Mnist.Threshold, mnist?.RunMessage),
            checkpoints,
            rules,
            build,
            workspace.Tampered,
            workspace.Ignored,
            flags);
    }

    private const string KindRules = "Rules";

    /// <summary>A test's verdict: passed or not, why, and for a graded run its accuracy and the grader's sentence.</summary>
    private sealed record TestDecision(bool Passed, string Message, string? Site = null, string? Run = null, double? Accuracy = null, string? RunMessage = null);

    // The rules that make the tests trustworthy, checked on metadata and IL before any learner code runs:
    // the public API, the references, and what the code calls (the pristine kata's allowlist).
    private (RulesGrade Rules, IReadOnlyList<string> Refused) CheckRules(string root)
    {
        IReadOnlyList<string> assemblies = LearnerAssemblies.Find(root);
        var problems = new List<string>(LearnerAssemblies.RuleViolations(assemblies));
        problems.AddRange(LearnerAssemblies.Differences(session.Plan.Api, LearnerAssemblies.PublicApi(assemblies)));
        IReadOnlyList<string> refused = session.CheckAllowedApi ? [.. assemblies.SelectMany(dll => session.AllowedApi.Refusals(dll))] : [];
        problems.AddRange(refused);
        return (new RulesGrade(problems.Count == 0, problems), refused);
    }

    private Dictionary<string, TestDecision> RunTests(Workspace workspace, string scratch, string logDirectory, int? only, List<GradeFlag> flags)
    {
        var planned = session.Plan.Tests
            .Where(t => t.Kind != KindRules && t.Checkpoint is int id && (only is null || id == only))
            .ToDictionary(t => t.FullyQualifiedName, StringComparer.Ordinal);

        // MNIST as the tests see it: no t10k labels, and control labels drawn for this submission.
        string learnerHash = LearnerHash(workspace.Root);
        string mnistDirectory = Path.Combine(scratch, Unguessable("mnist"));
        IReadOnlyList<SandboxFile> mnist = session.Mnist.Seal(mnistDirectory, session.Curriculum, session.Key, learnerHash);
        string runDirectory = Directory.CreateDirectory(Path.Combine(scratch, Unguessable("run"))).FullName;
        var testEnvironment = new Dictionary<string, string>
        {
            ["KATA_GRADE"] = "1",
            [MnistData.SealedVariable] = "1",
            [MnistData.DirectoryVariable] = session.Sandbox is null ? mnistDirectory : Sandbox.MnistInside,
            ["KATA_RUN_LIST"] = Path.Combine(session.Sandbox is null ? runDirectory : Sandbox.RunInside, "tests.txt"),

            // The hold-outs' inputs: a seed of this submission's own (Kata.TestSupport/GradeTime.cs).
            [HoldOutSeedVariable] = HoldOutSeed(session.Key, learnerHash),
        };

        // For the test host alone (a startup hook in dotnet test or vstest.console would take the secrets
        // out of their environment too): the test support's hook takes them out of the host's environment
        // and, in the sandbox, makes the host non-dumpable before any learner code runs (StartupHook.cs).
        var hostEnvironment = new Dictionary<string, string>(testEnvironment)
        {
            ["DOTNET_STARTUP_HOOKS"] = Path.Combine(Path.GetDirectoryName(TestAssembly(workspace.Root))!, "Kata.TestSupport.dll"),
        };
        if (session.Sandbox is not null)
        {
            hostEnvironment[SealVariable] = "1";
        }

        string? host = session.Sandbox is { } sandbox && OperatingSystem.IsLinux()
            ? sandbox.HostScript(scratch, workspace.Root, mnist, runDirectory, hostEnvironment, [WitnessKeyVariable])
            : OperatingSystem.IsWindows() ? null : Sandbox.PlainHostScript(scratch, hostEnvironment.Where(e => !testEnvironment.ContainsKey(e.Key)).ToDictionary());
        var clock = Stopwatch.StartNew();
        bool outOfTime = false;
        int forged = 0;

        var results = new Dictionary<string, List<TestRecord>>(StringComparer.Ordinal);
        var records = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var crashed = new List<string>();
        var notRun = new Dictionary<string, string>(StringComparer.Ordinal);
        var crashesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var remaining = new List<string>(planned.Keys.Order(StringComparer.Ordinal));
        int unexpected = 0;
        bool loadCrash = false;
        for (int attempt = 0; remaining.Count > 0 && attempt <= MaxRestarts; attempt++)
        {
            // After a crash, the tests of the method that crashed run last, so the others are sure to run.
            List<string> batch = [.. remaining.Where(t => !planned[t].Grades.Any(crashesOf.ContainsKey))];
            if (batch.Count == 0)
            {
                batch = remaining;
            }

            progress.WriteLine(attempt == 0 ? $"Running {batch.Count} tests …" : $"The test host stopped; running {batch.Count} of the {remaining.Count} tests that did not run …");
            string settings = Path.Combine(scratch, $"run-{attempt}.runsettings");
            File.WriteAllText(settings, RunSettings(host));
            File.WriteAllLines(Path.Combine(runDirectory, "tests.txt"), batch);
            string stderr = Path.Combine(scratch, $"host-stderr-{attempt + 1}.log");
            string witnessKey = Witness.NewKey(); // fresh for every host: a witness line is good for one run only
            TimeSpan left = session.WallBudget - clock.Elapsed;
            TestRunReport run = DotnetTest.Run(
                workspace.Root,
                "exercises",
                Path.Combine(logDirectory, $"tests-{attempt + 1}.log"),
                new Dictionary<string, string?>(testEnvironment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)))
                {
                    ["KATA_HOST_STDERR"] = stderr,
                    [WitnessKeyVariable] = witnessKey,
                },
                ["--settings", settings],
                timeout: left < RunTimeout ? left : RunTimeout,
                target: TestAssembly(workspace.Root),
                wrapper: session.Sandbox?.Outer([]),
                visibleLog: true);

            // A result counts only when the guard's signed witness on the host's stderr agrees with it.
            Dictionary<string, string> witnessed = Witness.Read(TextLines.Read(stderr), witnessKey, out int badSignatures);
            forged += badSignatures;
            var batchSet = batch.ToHashSet(StringComparer.Ordinal);
            foreach (TestRecord arrived in run.Tests)
            {
                TestRecord record = arrived;
                if (!batchSet.Contains(record.FullyQualifiedName))
                {
                    unexpected++;
                    continue;
                }

                if (record.Passed && witnessed.GetValueOrDefault(record.FullyQualifiedName) != "Passed")
                {
                    forged++;
                    record = record with
                    {
                        Outcome = "Failed",
                        Message = "The test host reported this test as passed, but the kata's guard never saw it pass: the result did not come from the test, so it does not count.",
                        Site = null,
                    };
                }

                (results.TryGetValue(record.FullyQualifiedName, out List<TestRecord>? list) ? list : results[record.FullyQualifiedName] = []).Add(record);
            }

            foreach ((string name, List<string> copies) in run.Records ?? new Dictionary<string, List<string>>())
            {
                (records.TryGetValue(name, out List<string>? list) ? list : records[name] = []).AddRange(copies);
            }

            int ran = batch.Count(results.ContainsKey);
            remaining.RemoveAll(results.ContainsKey);
            if (remaining.Count == 0)
            {
                break;
            }

            // Out of time: what arrived is kept, and no new host is started.
            if (run.TimedOut || clock.Elapsed >= session.WallBudget)
            {
                outOfTime = true;
                break;
            }

            // The host stopped before these ran: the test it was running crashed it (a stack overflow, an
            // exit, a kill). That test fails; the others get a new host.
            bool WithoutResult(string t) => batch.Contains(t) && !results.ContainsKey(t);
            string? culprit = StartedIn(stderr).LastOrDefault(WithoutResult) ?? (run.Started ?? []).LastOrDefault(WithoutResult);
            if (culprit is null || results.ContainsKey(culprit))
            {
                if (run.Plan.Count == 0 && results.Count == 0)
                {
                    // The kata's test support never spoke: the host did not start. Not the learner's doing.
                    throw new KataException($"The test host did not start, so nothing was graded; see {run.LogPath}.", ExitCodes.Environment);
                }

                if (ran == 0)
                {
                    loadCrash = run.Aborted;
                    break; // nothing started and nothing ran: another run would do the same
                }

                continue;
            }

            crashed.Add(culprit);
            remaining.Remove(culprit);
            flags.Add(new GradeFlag("crash", $"{planned[culprit].Name} stopped the test host (a stack overflow, an exit or a kill); the other tests ran in a new one."));

            // A method that crashed the host twice fails its other tests without running them: each would
            // cost a new host, and the method earns nothing either way.
            foreach (string method in planned[culprit].Grades)
            {
                (crashesOf.TryGetValue(method, out List<string>? list) ? list : crashesOf[method] = []).Add(planned[culprit].Name);
                if (crashesOf[method].Count >= 2)
                {
                    foreach (string test in remaining.Where(t => planned[t].Grades.Contains(method)).ToList())
                    {
                        notRun[test] = $"Not run: {method} crashed the test host in two earlier tests ({string.Join(", ", crashesOf[method])}); fix that first.";
                        remaining.Remove(test);
                    }
                }
            }
        }

        if (unexpected > 0)
        {
            flags.Add(new GradeFlag("forged", $"{unexpected} result(s) arrived for tests that were not asked for or had already reported; they were ignored."));
        }

        if (forged > 0)
        {
            flags.Add(new GradeFlag("forged", $"{forged} result(s) or witness lines did not match the kata's guard (a result reported as passed that the guard never saw pass, or a witness line with a wrong signature); they were counted as failures."));
        }

        if (outOfTime)
        {
            flags.Add(new GradeFlag("timeout", $"the tests used up the submission's time budget of {session.WallBudget.TotalMinutes:0} minutes; {remaining.Count} test(s) had not run and failed."));
            foreach (string test in remaining)
            {
                notRun[test] = $"Not run: the submission's tests used up their time budget of {session.WallBudget.TotalMinutes:0} minutes before this one (the earlier tests' results were kept).";
            }
        }

        foreach ((string name, List<string> copies) in records.Where(r => r.Value.Count > 1))
        {
            flags.Add(new GradeFlag("forged", $"the report of graded run {name} arrived {copies.Count} times; none is trusted."));
        }

        var verdicts = new Dictionary<string, TestDecision>(StringComparer.Ordinal);
        foreach ((string fqn, PlannedTest test) in planned)
        {
            TestDecision verdict = crashed.Contains(fqn)
                ? new TestDecision(false, "This test stopped the test host (a stack overflow from endless recursion, an exit or a kill), so it failed; the other tests ran in a new host.")
                : notRun.TryGetValue(fqn, out string? why) ? new TestDecision(false, why)
                : !results.TryGetValue(fqn, out List<TestRecord>? copies)
                    ? new TestDecision(false, loadCrash
                        ? "This test did not run: the test host stopped while loading your code, before any test ran (a static constructor or module initializer that crashes?)."
                        : "This test did not run: the test host stopped too often.")
                    : copies.Count > 1
                        ? new TestDecision(false, $"This test reported {copies.Count} results; a test reports once, so none is trusted.")
                        : new TestDecision(copies[0].Passed, OneLine(copies[0].Message ?? copies[0].Outcome, workspace.Root), copies[0].Site);

            if (test.GradedRun is { } runName)
            {
                // Checkpoint 14's run completes additions; every other graded run is an MNIST run.
                GradedRunDecision run = runName == AdditionRunReport.RunName
                    ? AdditionCheck.Check(session.Curriculum.Addition, records.GetValueOrDefault(runName))
                    : session.Mnist.Check(
                        GradedRunSpec.All.FirstOrDefault(s => s.Name == runName)
                            ?? throw new InvalidOperationException($"The kata's test {test.Name} names graded run {runName}, which Kata.Core.GradedRunSpec does not know."),
                        session.Curriculum,
                        records.GetValueOrDefault(runName),
                        session.Key,
                        learnerHash);
                verdict = verdict.Passed
                    ? new TestDecision(run.Passed, run.Message, Run: runName, Accuracy: run.Accuracy, RunMessage: run.Message)
                    : verdict with { Run = runName, Accuracy = run.Accuracy, RunMessage = run.Message };
            }

            if (!verdict.Passed && IsRunaway(verdict.Message))
            {
                flags.Add(new GradeFlag("runaway", $"{test.Name}: {verdict.Message}"));
            }

            verdicts[fqn] = verdict;
        }

        return verdicts;
    }

    // A method that passes every visible test and fails a hold-out (whose inputs were drawn at grade time)
    // may answer the visible cases rather than compute: worth the instructor's look.
    private IEnumerable<GradeFlag> HoldOutFlags(Dictionary<string, TestDecision> verdicts)
    {
        var byMethod = session.Plan.Tests
            .Where(t => verdicts.ContainsKey(t.FullyQualifiedName))
            .SelectMany(t => t.Grades.Select(method => (Method: method, Test: t)))
            .GroupBy(p => p.Method, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (IGrouping<string, (string Method, PlannedTest Test)> method in byMethod)
        {
            var visible = method.Where(p => p.Test.Kind != KindHoldOut).ToList();
            var held = method.Where(p => p.Test.Kind == KindHoldOut).ToList();
            int failing = held.Count(p => !verdicts[p.Test.FullyQualifiedName].Passed);
            if (visible.Count > 0 && failing > 0 && visible.All(p => verdicts[p.Test.FullyQualifiedName].Passed))
            {
                yield return new GradeFlag(
                    "holdout",
                    $"{method.Key} passes all {visible.Count} of its visible tests but fails {failing} of its {held.Count} hold-outs, whose inputs were drawn at grade time: does it answer the visible cases instead of computing?");
            }
        }
    }

    private const string KindHoldOut = "HoldOut";

    // A checkpoint's points: each method (a test's Grades) weighs as many tests as grade it, and earns
    // its weight only when every one of them passes.
    private CheckpointGrade Score(Checkpoint checkpoint, List<PlannedTest> tests, Dictionary<string, TestDecision> verdicts, string root)
    {
        bool Passed(PlannedTest t) => verdicts.TryGetValue(t.FullyQualifiedName, out TestDecision? v) && v.Passed;
        var methods = tests
            .SelectMany(t => (t.Grades.Count > 0 ? t.Grades : ["(ungraded)"]).Select(m => (Method: m, Test: t)))
            .GroupBy(p => p.Method, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Method: g.Key, Total: g.Count(), Passed: g.Count(p => Passed(p.Test))))
            .ToList();
        int weights = methods.Sum(m => m.Total);
        var methodGrades = methods
            .Select(m => new MethodGrade(m.Method, m.Passed, m.Total, m.Passed == m.Total, weights == 0 ? 0 : Math.Round(checkpoint.Points * (double)m.Total / weights, 2, MidpointRounding.AwayFromZero)))
            .Select(m => m with { Points = m.Complete ? m.Points : 0 })
            .ToList();
        double points = weights == 0 ? 0 : Math.Round(checkpoint.Points * (double)methods.Where(m => m.Passed == m.Total).Sum(m => m.Total) / weights, 2, MidpointRounding.AwayFromZero);

        int passed = tests.Count(Passed);
        var failures = tests.Where(t => !Passed(t)).Select(t => (t, v: verdicts[t.FullyQualifiedName]))
            .Select(x => new FailedTest(x.t.Name, Limit(x.v.Message + (x.v.Site is { } site ? $" ({OneLine(site, root)})" : string.Empty))))
            .ToList();
        string status = tests.Count == 0 ? "no tests" : passed == tests.Count ? "complete" : $"{tests.Count - passed} failing";
        return new CheckpointGrade(checkpoint.Id, checkpoint.Title, checkpoint.Required, checkpoint.InstructorReads, passed, tests.Count, points, checkpoint.Points, status, methodGrades, failures);
    }

    private static bool IsRunaway(string message) =>
        message.Contains("without returning", StringComparison.Ordinal) || message.Contains("did not return within", StringComparison.Ordinal)
        || message.Contains("without working", StringComparison.Ordinal)
        || message.Contains("never finished loading", StringComparison.Ordinal);

    // The test host starts through the sandbox when there is one. (Which tests run is the run list's
    // business: NUnit's own filter does not match parameterised tests by their full names.)
    // Results are sent one at a time (BatchSize 1), so a crash loses none that finished before it.
    /// <summary>
    /// The test assembly a build of the kata at <paramref name="root"/> writes: grading runs it with VSTest
    /// directly (dotnet test on the project would evaluate it and its references with MSBuild again, seconds
    /// per test host for nothing).
    /// </summary>
    internal static string TestAssembly(string root) => Path.Combine(root, "tests", "Kata.Tests", "bin", "Debug", "net10.0", "Kata.Tests.dll");

    private static string RunSettings(string? host) =>
        "<RunSettings>\n  <RunConfiguration>\n    <BatchSize>1</BatchSize>\n"
        + (host is null ? string.Empty : $"    <DotNetHostPath>{SecurityElement.Escape(host)}</DotNetHostPath>\n")
        + "  </RunConfiguration>\n</RunSettings>\n";

    // The tests the host announced on its stderr, in order (see LearnerCodeCommand.Announce).
    private static IEnumerable<string> StartedIn(string stderr) =>
        TextLines.Read(stderr).Where(l => l.StartsWith("[kata-start] ", StringComparison.Ordinal)).Select(l => l["[kata-start] ".Length..]);

    // The hold-outs' seed: from the instructor's key and the submission, so each student meets other
    // inputs, the same ones on a regrade, and none they could know in advance when the key is secret.
    private static string HoldOutSeed(string key, string learnerHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("kata hold-outs\n" + key), Encoding.UTF8.GetBytes(learnerHash)))[..16];

    // The learner's files in the workspace, hashed: the same submission always gets the same control run.
    private static string LearnerHash(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach ((string relative, string full) in Workspace.ListFiles(Path.Combine(root, "exercises")).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            sha.AppendData(File.ReadAllBytes(full));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Unguessable(string name) => $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    private static string Limit(string line) => line.Length <= MessageLength ? line : line[..MessageLength] + " …";

    // A failure message on one line, without the workspace path, so a grade reads well and is the same
    // wherever it was computed.
    private static string OneLine(string message, string root) =>
        Limit(string.Join(' ', message.Replace(root.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal)
            .Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));

    // Compiler errors, with the workspace path removed so the grade does not depend on where it was built.
    private static List<string> FirstErrors(string buildLog, string root) =>
    [
        .. File.ReadLines(buildLog)
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l.Replace(root.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal).Trim())
            .Select(l => l.Contains(" [", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [", StringComparison.Ordinal)] : l)
            .Distinct()
            .Take(10),
    ];
}
