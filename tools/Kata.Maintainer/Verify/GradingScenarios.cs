using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Kata.Maintainer.Verify;

/// <summary>
/// The maintainer's proof that grading can be trusted, graded in the sandbox as an instructor grades:
/// the reference solutions get full marks, byte-identical three times; the stubs get nothing; a
/// submission that edits a test, loops forever in one method and overflows the stack in another loses
/// only those tests; and every attack of tests/scenarios/attacks gains nothing, touches nothing outside
/// its sandbox (canary files in the instructor's copy, the home folder and a classmate's output), opens no
/// connection and leaves no process behind.
/// </summary>
public static class GradingScenarios
{
    public static void Run(string root, string scratch, List<string> problems, TextWriter progress)
    {
        GradingSession session;
        try
        {
            session = GradingSession.Open(root, Path.Combine(root, "artifacts", "cache"), sandboxed: true, progress);
        }
        catch (KataException error)
        {
            problems.Add($"grading: {error.Message}");
            return;
        }

        string grades = Path.Combine(scratch, "grades");
        GradingSession bypassing = session with { CheckAllowedApi = false };
        GradeReport Grade(string name, string target) => GradeWith(session, name, target);
        GradeReport GradeWith(GradingSession with, string name, string target)
        {
            string dir = Directory.Exists(target) ? target : Submission.Fetch(target, Path.Combine(scratch, "clones", name));
            GradeReport report = new Grader(with, TextWriter.Null).Grade(name, dir, Path.Combine(grades, name, "logs"));
            GradeFiles.Write(Path.Combine(grades, name), report);
            return report;
        }

        // KATA_VERIFY_ATTACKS=01-reach-out,05-links replays only those attacks (for a maintainer at work on one).
        if (Environment.GetEnvironmentVariable("KATA_VERIFY_ATTACKS") is { Length: > 0 } only)
        {
            RunAttacks(root, scratch, grades, GradeWith, session, bypassing, problems, progress, [.. only.Split(',')]);
            return;
        }

        // 1. The reference solutions, three times: full marks, the same bytes each time.
        var clock = Stopwatch.StartNew();
        string solutions = MakeSubmission(root, scratch, "solutions", fromSolutions: true);
        GradeReport[] full = [.. Enumerable.Range(0, 3).Select(_ => Grade("solutions", solutions))];
        var solutionsTime = clock.Elapsed;
        foreach (CheckpointGrade c in full[0].Checkpoints.Where(c => c.Total == 0 || c.Passed != c.Total))
        {
            problems.Add($"grading the solutions: checkpoint {c.Id} got {c.Passed}/{c.Total} ({c.Status}): {(c.Failures.Count > 0 ? c.Failures[0].Message : string.Empty)}");
        }

        if (!full[0].Passed || full[0].Score + full[0].PointsToConfirm != full[0].MaxScore || full[0].BonusScore != full[0].MaxBonusScore)
        {
            problems.Add($"grading the solutions: {full[0].ScoreText()}, bonus {full[0].BonusScore}/{full[0].MaxBonusScore}, passed={full[0].Passed}; expected full marks and a pass");
        }

        if (full.Select(g => g.ToJson()).Distinct().Count() != 1)
        {
            problems.Add("grading the solutions three times gave different grade.json files: grading is not deterministic");
        }

        // 2. The stubs, twice: nothing passes, and the two grade.json files are byte-identical.
        string stubs = MakeSubmission(root, scratch, "stubs", fromSolutions: false);
        GradeReport first = Grade("stubs", stubs), second = Grade("stubs", stubs);
        if (first.Score != 0 || first.Passed || first.Checkpoints.Any(c => c.Passed > 0))
        {
            problems.Add($"grading the stubs: {first.ScoreText()}, passed={first.Passed}; expected nothing");
        }

        if (first.ToJson() != second.ToJson())
        {
            problems.Add("grading the stubs twice gave different grade.json files: grading is not deterministic");
        }

        // 3. The solutions with an edited test, an endless loop in Scale and endless recursion in Derivative.
        clock.Restart();
        GradeReport broken = Grade("broken", BrokenSolutions(root, scratch));
        CheckBroken(broken, full[0], problems);
        var brokenTime = clock.Elapsed;

        // 4. The attacks, with canaries outside the sandbox.
        clock.Restart();
        RunAttacks(root, scratch, grades, GradeWith, session, bypassing, problems, progress, null);
        var attacksTime = clock.Elapsed;

        // 5. A correct but plain learner (tests/scenarios/naive), graded while every core is kept busy twice
        //    over: limits count the test's CPU time, so a busy machine must not fail slow but correct code.
        clock.Restart();
        string naive = MakeSubmission(root, scratch, "naive-under-load", fromSolutions: false);
        CopyOver(Path.Combine(root, "tests", "scenarios", "naive"), Path.Combine(naive, "exercises"));
        GradeReport loaded;
        using (BusyLoops.Start(2 * Environment.ProcessorCount))
        {
            loaded = Grade("naive-under-load", naive);
        }

        if (!loaded.Passed || loaded.BonusScore != 0 || loaded.Score + loaded.PointsToConfirm != loaded.MaxScore)
        {
            problems.Add($"grading the naive learner (checkpoints 1–5 only): {loaded.ScoreText()}, bonus {loaded.BonusScore}, passed={loaded.Passed}; expected every required point, a pass and no bonus");
        }

        foreach (CheckpointGrade c in loaded.Checkpoints.Where(c => c.Required && c.Passed != c.Total))
        {
            problems.Add($"grading the naive learner on a saturated machine: checkpoint {c.Id} got {c.Passed}/{c.Total}: {(c.Failures.Count > 0 ? c.Failures[0].Test + " — " + c.Failures[0].Message : c.Status)}");
        }

        progress.WriteLine(
            $"     solutions {full[0].ScoreText()} three times in {solutionsTime.TotalSeconds:0} s; stubs {first.Score}; "
            + $"a broken submission in {brokenTime.TotalSeconds:0} s; {Attacks.All.Count} attacks in {attacksTime.TotalSeconds:0} s; "
            + $"the naive learner under {2 * Environment.ProcessorCount} busy loops {loaded.ScoreText()} in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static void RunAttacks(
        string root,
        string scratch,
        string grades,
        Func<GradingSession, string, string, GradeReport> grade,
        GradingSession session,
        GradingSession bypassing,
        List<string> problems,
        TextWriter progress,
        string[]? only)
    {
        string instructorCanary = Path.Combine(root, "artifacts", "verify", "canary-instructor.txt");
        string homeCanary = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kata-verify-canary");
        string classmate = Path.Combine(grades, "classmate", "grade.json");
        string guard = Path.Combine(root, "tests", "Kata.TestSupport", "LearnerCodeGuard.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(instructorCanary)!);
        Directory.CreateDirectory(Path.GetDirectoryName(classmate)!);
        File.WriteAllText(instructorCanary, "the instructor's file\n");
        File.WriteAllText(homeCanary, "the grader's home\n");
        File.WriteAllText(classmate, "{\"submission\": \"classmate\", \"score\": 42}\n");
        string[] canaries = [instructorCanary, homeCanary, classmate, guard];
        Dictionary<string, string?> before = canaries.ToDictionary(c => c, Hash);
        byte[] guardSource = File.ReadAllBytes(guard);

        using TcpListener listener = Attacks.Listen();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            foreach (Attacks.Attack attack in Attacks.All.Where(a => only is null || only.Contains(a.Name)))
            {
                progress.WriteLine($"     attack {attack.Name}: {attack.What}");
                var targets = new Dictionary<string, string>
                {
                    ["__KATA_INSTRUCTOR_CANARY__"] = instructorCanary,
                    ["__KATA_HOME_CANARY__"] = homeCanary,
                    ["__KATA_CLASSMATE_GRADE__"] = classmate,
                    ["__KATA_GUARD_SOURCE__"] = guard,
                    ["__KATA_LISTENER_PORT__"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["__KATA_LOG_DIR__"] = Path.Combine(grades, attack.Name, "logs"),
                };
                string dir = MakeSubmission(root, scratch, attack.Name, attack.Solutions);
                string payload = Path.Combine(root, "tests", "scenarios", "attacks", attack.Name);
                if (Directory.Exists(payload))
                {
                    foreach (string file in Directory.EnumerateFiles(payload, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)))
                    {
                        string to = Path.Combine(dir, Path.GetRelativePath(payload, file));
                        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                        File.WriteAllText(to, Attacks.Fill(File.ReadAllText(file), targets));
                    }
                }

                attack.Make?.Invoke(new Attacks.AttackContext(dir, root));

                // As a class is graded; then, for code the allowlist refuses, as if the allowlist had a gap.
                GradingSession budgeted = attack.Budget is { } budget ? bypassing with { WallBudget = budget } : bypassing;
                foreach ((GradingSession graded, string label, Func<GradeReport, IEnumerable<string>> expect) in attack.Bypass
                    ? (ReadOnlySpan<(GradingSession, string, Func<GradeReport, IEnumerable<string>>)>)[(session, attack.Name, Attacks.Refused), (budgeted, attack.Name + " (allowlist off)", attack.Expect)]
                    : [(attack.Budget is { } own ? session with { WallBudget = own } : session, attack.Name, attack.Expect)])
                {
                    var clock = Stopwatch.StartNew();
                    GradeReport result;
                    try
                    {
                        result = grade(graded, label.Replace(" (allowlist off)", "-bypass", StringComparison.Ordinal), attack.AsGitUrl ? new Uri(dir).AbsoluteUri : dir);
                    }
                    catch (Exception error) when (error is IOException or InvalidOperationException or KataException)
                    {
                        problems.Add($"attack {label}: grading failed: {error.Message}");
                        continue;
                    }

                    problems.AddRange(expect(result).Select(p => $"attack {label}: {p}"));
                    progress.WriteLine($"       {label}: {result.ScoreText()}, bonus {GradeReport.Number(result.BonusScore)}, flags {string.Join(" ", result.Flags.Select(f => f.Kind).Distinct())} in {clock.Elapsed.TotalSeconds:0} s");
                    if (clock.Elapsed > graded.WallBudget.Add(TimeSpan.FromMinutes(2)) || clock.Elapsed > TimeSpan.FromMinutes(5))
                    {
                        problems.Add($"attack {label}: grading took {clock.Elapsed.TotalMinutes:0.0} min; an attack must cost minutes, not more");
                    }
                }

                Thread.Sleep(500); // a process that survived would show up now
                foreach (string leftover in Attacks.LeftoverProcesses())
                {
                    problems.Add($"attack {attack.Name}: a process outlived grading: {leftover}");
                }

                foreach (string canary in canaries.Where(c => Hash(c) != before[c]))
                {
                    problems.Add($"attack {attack.Name}: changed or deleted {canary}, outside its sandbox");
                }

                if (listener.Pending())
                {
                    problems.Add($"attack {attack.Name}: opened a connection to the grader's machine ({port}) from the sandbox");
                    listener.AcceptTcpClient().Dispose();
                }
            }
        }
        finally
        {
            File.WriteAllBytes(guard, guardSource); // should an attack have got through, leave the repository as it was
            File.Delete(homeCanary);
        }
    }

    private static void CheckBroken(GradeReport broken, GradeReport full, List<string> problems)
    {
        const string EditedTest = "tests/NeuralNet.Tests/Checkpoint1.LinearAlgebra/DotTests.cs";
        CheckpointGrade one = broken.Checkpoints.Single(c => c.Id == 1);
        CheckpointGrade two = broken.Checkpoints.Single(c => c.Id == 2);
        if (one.Failures.FirstOrDefault(f => f.Test == "Dot_of_vectors_of_length_one_is_the_product") is null)
        {
            problems.Add("grading a submission with an edited test: the edited Dot test passed; it must run as originally written");
        }

        if (!broken.Tampered.Contains($"{EditedTest} (modified)"))
        {
            problems.Add($"grading a submission with an edited test: the grade does not name {EditedTest}");
        }

        if (!one.Failures.Any(f => f.Test.Contains("Scale", StringComparison.Ordinal) && f.Message.Contains("LinearAlgebra.Scale", StringComparison.Ordinal)))
        {
            problems.Add("grading a submission with an endless loop in Scale: no Scale test failed naming LinearAlgebra.Scale");
        }

        if (one.Methods.Where(m => m.Method is not ("LinearAlgebra.Dot" or "LinearAlgebra.Scale")).Any(m => !m.Complete))
        {
            problems.Add($"grading the broken solutions: checkpoint 1 lost points beyond Dot and Scale: {string.Join(", ", one.Methods.Where(m => !m.Complete).Select(m => m.Method))}");
        }

        if (two.Methods.Where(m => m.Method != "Calculus.Derivative").Any(m => !m.Complete) || two.Total != full.Checkpoints.Single(c => c.Id == 2).Total)
        {
            problems.Add($"grading a submission whose Derivative overflows the stack: checkpoint 2 got {two.Passed}/{two.Total} ({two.Status}); only Derivative may lose its points");
        }

        if (Attacks.LostElsewhere(broken) is { Count: > 0 } lost && lost.Any(t => !t.Contains("Dot", StringComparison.Ordinal) && !t.Contains("Scale", StringComparison.Ordinal)))
        {
            problems.Add($"grading a submission that crashes in checkpoint 2: other tests were lost ({string.Join(", ", lost)}); a crash must cost only its own test");
        }
    }

    // The solutions, broken on purpose: Dot thrown away but one of its tests edited to pass trivially, an
    // endless loop in Scale, endless recursion (a stack overflow that kills the test host) in Derivative.
    private static string BrokenSolutions(string root, string scratch)
    {
        string dir = MakeSubmission(root, scratch, "broken", fromSolutions: true);
        Attacks.Replace(Path.Combine(dir, "tests/NeuralNet.Tests/Checkpoint1.LinearAlgebra/DotTests.cs"), "LinearAlgebra.Dot([-3], [7]).ShouldBe(-21.0, Tolerance);", "(-21.0).ShouldBe(-21.0, Tolerance);");
        string linearAlgebra = Path.Combine(dir, "exercises/Checkpoint1.LinearAlgebra/LinearAlgebra.cs");
        Attacks.Replace(linearAlgebra, "    public static double Dot(double[] a, double[] b)\n    {\n", "    public static double Dot(double[] a, double[] b)\n    {\n        throw new NotImplementedException(\"removed by the verify scenario\");\n");
        Attacks.Replace(linearAlgebra, "    public static Matrix Scale(Matrix a, double factor)\n    {\n", "    public static Matrix Scale(Matrix a, double factor)\n    {\n        while (factor == factor) { }\n");
        Attacks.Replace(
            Path.Combine(dir, "exercises/Checkpoint2.Optimization/Calculus.cs"),
            "    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep)\n    {\n",
            "    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep)\n    {\n        return Derivative(f, x, h);\n");
        return dir;
    }

    /// <summary>A copy of the kata as a learner would submit it (the release's files), with the stubs or the solutions in exercises/.</summary>
    public static string MakeSubmission(string root, string scratch, string name, bool fromSolutions)
    {
        string dir = Path.Combine(scratch, "submissions", name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        FileRoles roles = FileRoles.Load(root);
        foreach (string relative in ReleaseExport.TrackedFiles(root).Where(f => !roles.IsInstructorOnly(f)))
        {
            string to = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(root, relative), to);
        }

        if (fromSolutions)
        {
            Directory.Delete(Path.Combine(dir, "exercises"), recursive: true);
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "solutions"), "*", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
            {
                string to = Path.Combine(dir, "exercises", Path.GetRelativePath(Path.Combine(root, "solutions"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }

        return dir;
    }

    private static void CopyOver(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
                File.Copy(file, Path.Combine(to, relative), overwrite: true);
            }
        }
    }

    /// <summary>Busy loops that keep the cores saturated until disposed (the "stress" of the load-proof check).</summary>
    private sealed class BusyLoops : IDisposable
    {
        private readonly List<Process> _loops;

        private BusyLoops(List<Process> loops) => _loops = loops;

        public static BusyLoops Start(int count) =>
            new([.. Enumerable.Range(0, count).Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!)]);

        public void Dispose()
        {
            foreach (Process loop in _loops)
            {
                try
                {
                    loop.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It has already ended.
                }

                loop.Dispose();
            }
        }
    }

    private static string? Hash(string path) => File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : null;
}
