using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Kata.Instructor.Autograder;

namespace Kata.Maintainer.Verify;

/// <summary>
/// The maintainer's proof that grading can be trusted, graded in the sandbox as an instructor grades:
/// the reference solutions get full marks, byte-identical twice; the stubs get nothing; a
/// submission that edits a test, loops forever in one method and overflows the stack in another loses
/// only those tests; and every attack of tests/scenarios/attacks gains nothing, touches nothing outside
/// its sandbox (canary files in the instructor's copy, the home folder and a classmate's output), opens no
/// connection and leaves no process behind.
/// </summary>
public static class GradingScenarios
{
    /// <summary>
    /// How many grades run at once (KATA_VERIFY_JOBS, default one per core, at least 2): a grade waits
    /// much of its time (a sandbox starting, an attack asleep, a hang running into its limit), so two side
    /// by side fill the cores. Three on 2 cores, with other work on the machine, once made a graded MNIST
    /// control run fail for time. The files of each grade do not depend on it.
    /// </summary>
    public static int Jobs =>
        int.TryParse(Environment.GetEnvironmentVariable("KATA_VERIFY_JOBS"), out int jobs) && jobs > 0 ? jobs : Math.Max(2, Environment.ProcessorCount);

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
        var gate = new Lock();
        var jobs = new List<GradeJob>();

        // KATA_VERIFY_ATTACKS=01-reach-out,05-links replays only those attacks (for a maintainer at work on
        // one); "broken", "stubs" and "gradescope" there name those scenarios ("broken" is checked against
        // one grade of the solutions, "gradescope" against one of the solutions and one of the stubs, which
        // they then bring along).
        string[]? only = Environment.GetEnvironmentVariable("KATA_VERIFY_ATTACKS") is { Length: > 0 } named ? [.. named.Split(',')] : null;
        bool Wanted(string scenario) => only is null || only.Contains(scenario) || Attacks.All.Any(a => a.GradedWithin == scenario && only.Contains(a.Name));
        var clock = Stopwatch.StartNew();
        using var attacks = new AttackTargets(root, grades);
        jobs.AddRange(AttackJobs(root, scratch, session, attacks, only));

        bool gradescope = Wanted("gradescope");
        GradeReport[] full = new GradeReport[Wanted("broken") || gradescope ? 1 : 0];
        GradeReport[] stubs = new GradeReport[Wanted("stubs") || gradescope ? 1 : 0];
        GradeReport? broken = null;
        string?[] throughGradescope = new string?[2]; // results.json of the solutions' and the stubs' second grades

        // 1. The reference solutions, twice: full marks, the same results both times. The second time through
        //    Gradescope's autograder, as the platform runs it (GradescopeLayout): the zip of `kata release
        //    --gradescope` unpacked, its kata's tool and build made from nothing, run_autograder run. Its
        //    results.json must be, byte for byte, what the first grade gives in Gradescope's format.
        // 2. The stubs, twice in the same way: nothing passes, and the same results both times.
        string solutions = MakeSubmission(root, scratch, "solutions", fromSolutions: true);
        string stubsDir = MakeSubmission(root, scratch, "stubs", fromSolutions: false);
        jobs.AddRange(full.Select((_, i) => new GradeJob($"solutions (1 of {(gradescope ? 2 : 1)})", () => full[i] = Grade(session, "solutions", solutions, Path.Combine(grades, "solutions-1")), _ => [], Weight: 2)));
        jobs.AddRange(stubs.Select((_, i) => new GradeJob($"stubs (1 of {(gradescope ? 2 : 1)})", () => stubs[i] = Grade(session, "stubs", stubsDir, Path.Combine(grades, "stubs-1")), _ => [])));
        if (gradescope)
        {
            var layout = new Lazy<GradescopeLayout>(() => GradescopeLayout.Make(root, Path.Combine(scratch, "gradescope"), session));
            (string Label, string Name, bool Solutions)[] seconds = [("solutions (2 of 2, through Gradescope's autograder)", "solutions", true), ("stubs (2 of 2, through Gradescope's autograder)", "stubs", false)];
            jobs.AddRange(seconds.Select((second, i) => new GradeJob(
                second.Label,
                () =>
                {
                    string submission = MakeSubmission(root, scratch, second.Name + "-gradescope", second.Solutions);
                    throughGradescope[i] = layout.Value.Grade(submission, Path.Combine(grades, second.Name + "-2"));
                    return null;
                },
                _ => [],
                Weight: second.Solutions ? 3 : 1, // its kata's tool and build are made from nothing first
                Lane: "gradescope")));
        }

        // 3. The solutions with an edited test, an endless loop in Subtract and endless recursion in
        //    Derivative (tests/scenarios/broken).
        if (Wanted("broken"))
        {
            string brokenDir = BrokenSolutions(root, scratch);
            jobs.Add(new GradeJob("broken", () => broken = Grade(session, "broken", brokenDir, Path.Combine(grades, "broken")), _ => [], Weight: 4)); // the longest (an endless loop, a crash): first
        }

        // The grades side by side, the longest first, then the ones that must be alone; each one's problems
        // are reported in the order above. Jobs of one lane (an attack's refused grade and its grade with
        // the allowlist off) run one after the other, so the second finds the first's build folder and
        // compiles nothing. Lanes that mostly sleep (an attack asleep until its limits stop it) run beside
        // the others without taking one of their places: they would leave a core idle for minutes.
        var lanes = jobs.Select((job, i) => (job, i))
            .GroupBy(j => j.job.Lane ?? $"#{j.i}", StringComparer.Ordinal)
            .Select(lane => lane.ToList())
            .OrderByDescending(lane => lane.Sum(j => j.job.Weight))
            .ToList();
        var alone = lanes.Where(lane => lane.Any(j => j.job.Alone)).ToList();
        var sleepers = lanes.Except(alone).Where(lane => lane.Any(j => j.job.Sleeps)).ToList();
        var busy = lanes.Except(alone).Except(sleepers).ToList();
        progress.WriteLine($"     {jobs.Count} grades, {Jobs} at a time, and the {sleepers.Sum(l => l.Count(j => j.job.Sleeps))} that sleep beside them …");
        var found = new List<string>[jobs.Count];

        // 5. A correct but plain learner (tests/scenarios/naive), graded with half a core: a busy machine
        //    must not fail slow but correct code. Its grade runs on one core only (OneCore), which the
        //    other grades share with it, so it gets about half of that core, as on a machine saturated
        //    twice over, and no core is kept busy for nothing (busy loops did that: a core for minutes).
        //    Never beside an attack that must be alone, whose hogs would be the load instead.
        GradeReport? loaded = null;
        TimeSpan naiveTime = TimeSpan.Zero;
        Task naive = only is not null
            ? Task.CompletedTask
            : Task.Factory.StartNew(
                () =>
                {
                    var watch = Stopwatch.StartNew();
                    string folder = MakeSubmission(root, scratch, "naive-under-load", fromSolutions: false);
                    CopyOver(Path.Combine(root, "tests", "scenarios", "naive"), Path.Combine(folder, "exercises"));
                    OneCore.PinThisThread(); // this thread is the task's own (LongRunning): it ends with it
                    loaded = Grade(session, "naive-under-load", folder, Path.Combine(grades, "naive-under-load"));
                    naiveTime = watch.Elapsed;
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        Task asleep = Task.WhenAll(sleepers.Select(lane => Task.Factory.StartNew(() => RunLane(lane), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(busy, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Jobs },
            RunLane);
        asleep.Wait();
        try
        {
            naive.Wait();
        }
        catch (AggregateException error) when (error.InnerException is IOException or InvalidOperationException or KataException)
        {
            problems.Add($"grading the naive learner failed: {error.InnerException.Message}");
        }

        foreach (List<(GradeJob job, int i)> lane in alone)
        {
            RunLane(lane);
        }

        void RunLane(List<(GradeJob job, int i)> lane)
        {
            foreach ((GradeJob job, int i) item in lane)
            {
                RunJob(item);
            }
        }

        void RunJob((GradeJob job, int i) item)
        {
            var watch = Stopwatch.StartNew();
            var mine = new List<string>();
            try
            {
                // A grade through Gradescope's autograder leaves results.json only: it is checked below.
                GradeReport? report = item.job.Run();
                mine.AddRange(report is null ? [] : item.job.Check(report));
                string said = report is null ? "results.json written" : $"{report.ScoreText()}, bonus {GradeReport.Number(report.BonusScore)}, flags {string.Join(" ", report.Flags.Select(f => f.Kind).Distinct())}";
                lock (gate)
                {
                    progress.WriteLine($"       {item.job.Label}{(item.job.What is { } what ? $" ({what})" : string.Empty)}: {said} in {watch.Elapsed.TotalSeconds:0} s");
                }

                if (item.job.Budget is { } budget && (watch.Elapsed > budget.Add(TimeSpan.FromMinutes(2)) || watch.Elapsed > TimeSpan.FromMinutes(5)))
                {
                    mine.Add($"{item.job.Label}: grading took {watch.Elapsed.TotalMinutes:0.0} min; an attack must cost minutes, not more");
                }
            }
            catch (Exception error) when (error is IOException or InvalidOperationException or KataException)
            {
                mine.Add($"{item.job.Label}: grading failed: {error.Message}");
            }

            found[item.i] = mine;
        }

        problems.AddRange(found.SelectMany(f => f));
        problems.AddRange(attacks.Leaks());
        var gradesTime = clock.Elapsed;
        if (only is not null)
        {
            if (broken is not null && full is [{ } reference])
            {
                CheckBroken(broken, reference, problems);
            }

            if (gradescope && full is [{ } first] && stubs is [{ } firstStubs])
            {
                CheckGradescope(session, first, firstStubs, throughGradescope, problems);
            }

            return;
        }

        if (full.Any(g => g is null) || stubs.Any(g => g is null) || broken is null)
        {
            return; // said above: a grade failed
        }

        foreach (CheckpointGrade c in full[0].Checkpoints.Where(c => c.Total == 0 || c.Passed != c.Total))
        {
            problems.Add($"grading the solutions: checkpoint {c.Id} got {c.Passed}/{c.Total} ({c.Status}): {(c.Failures.Count > 0 ? c.Failures[0].Message : string.Empty)}");
        }

        if (!full[0].Passed || full[0].Score + full[0].PointsToConfirm != full[0].MaxScore || full[0].BonusScore != full[0].MaxBonusScore)
        {
            problems.Add($"grading the solutions: {full[0].ScoreText()}, bonus {full[0].BonusScore}/{full[0].MaxBonusScore}, passed={full[0].Passed}; expected full marks and a pass");
        }

        // Every checkpoint curriculum.json calls bonus (6–14) is graded as one: all its points in the bonus, none in the score.
        int bonusPoints = session.Curriculum.Checkpoints.Where(c => !c.Required).Sum(c => c.Points);
        foreach (Kata.Core.Checkpoint c in session.Curriculum.Checkpoints.Where(c => !c.Required))
        {
            if (full[0].Checkpoints.SingleOrDefault(g => g.Id == c.Id) is not { Required: false } graded || graded.Points != c.Points)
            {
                problems.Add($"grading the solutions: bonus checkpoint {c.Id} is not graded as a bonus checkpoint worth {c.Points} points");
            }
        }

        if (full[0].MaxBonusScore != bonusPoints)
        {
            problems.Add($"grading the solutions: the bonus is out of {full[0].MaxBonusScore}, the bonus checkpoints of curriculum.json are worth {bonusPoints}");
        }

        if (stubs[0].Score != 0 || stubs[0].Passed || stubs[0].Checkpoints.Any(c => c.Passed > 0))
        {
            problems.Add($"grading the stubs: {stubs[0].ScoreText()}, passed={stubs[0].Passed}; expected nothing");
        }

        CheckGradescope(session, full[0], stubs[0], throughGradescope, problems);

        CheckBroken(broken, full[0], problems);

        if (loaded is null)
        {
            return; // said above: its grade failed
        }

        if (!loaded.Passed || loaded.BonusScore != 0 || loaded.Score + loaded.PointsToConfirm != loaded.MaxScore)
        {
            problems.Add($"grading the naive learner (checkpoints 1–5 only): {loaded.ScoreText()}, bonus {loaded.BonusScore}, passed={loaded.Passed}; expected every required point, a pass and no bonus");
        }

        foreach (CheckpointGrade c in loaded.Checkpoints.Where(c => c.Required && c.Passed != c.Total))
        {
            problems.Add($"grading the naive learner on half a core: checkpoint {c.Id} got {c.Passed}/{c.Total}: {(c.Failures.Count > 0 ? c.Failures[0].Test + " — " + c.Failures[0].Message : c.Status)}");
        }

        progress.WriteLine(
            $"     solutions {full[0].ScoreText()} twice (once through Gradescope's autograder), stubs {stubs[0].Score}, a broken submission and {Attacks.All.Count} attacks in {gradesTime.TotalSeconds:0} s ({Jobs} at a time); "
            + $"the naive learner on one core shared with them {loaded.ScoreText()} in {naiveTime.TotalSeconds:0} s");
    }

    // One grade of a scenario or an attack: a label, how to grade, what its grade must not show, how long
    // it may take (attacks) and a weight for the order (the longest start first).
    // Jobs with the same Lane run one after the other; one that Sleeps waits out limits more than it computes.
    private sealed record GradeJob(string Label, Func<GradeReport?> Run, Func<GradeReport, IEnumerable<string>> Check, TimeSpan? Budget = null, int Weight = 1, string? What = null, bool Alone = false, string? Lane = null, bool Sleeps = false);

    // Grades a submission (a folder, or a git URL cloned first) and leaves grade.json and grade.md in folder.
    private static GradeReport Grade(GradingSession session, string name, string target, string folder)
    {
        string dir = Directory.Exists(target) ? target : Submission.Fetch(target, Path.Combine(folder, "clone"));
        GradeReport report = new Grader(session, TextWriter.Null).Grade(name, dir, Path.Combine(folder, "logs"));
        GradeFiles.Write(folder, report);
        return report;
    }

    // The attacks' grades: each attack as a class is graded; one whose code the allowlist refuses also
    // as if the allowlist had a gap.
    private static IEnumerable<GradeJob> AttackJobs(string root, string scratch, GradingSession session, AttackTargets targets, string[]? only)
    {
        GradingSession bypassing = session with { CheckAllowedApi = false };
        foreach (Attacks.Attack attack in Attacks.All.Where(a => only is null || only.Contains(a.Name)))
        {
            if (attack.GradedWithin is not null)
            {
                continue; // its files are part of that scenario's submission, and its checks part of that scenario's
            }

            string dir = MakeSubmission(root, scratch, attack.Name, attack.Solutions);
            LayOver(Path.Combine(root, "tests", "scenarios", "attacks", attack.Name), dir, targets.For(attack.Name));
            attack.Make?.Invoke(new Attacks.AttackContext(dir, root));
            string target = attack.AsGitUrl ? new Uri(dir).AbsoluteUri : dir;

            // The longest start first: the ones that wait out a budget, then those on the solutions (their
            // tests train networks), then the rest.
            int weight = attack.Budget is not null ? 3 : attack.Solutions ? 2 : 1;
            GradingSession graded = attack.Budget is { } own ? session with { WallBudget = own } : session;
            if (attack.Bypass)
            {
                yield return new GradeJob($"attack {attack.Name}", () => Grade(session, attack.Name, target, targets.Folder(attack.Name)), Attacks.Refused, session.WallBudget, What: attack.What, Alone: attack.Alone, Lane: attack.Name);
                GradingSession budgeted = attack.Budget is { } budget ? bypassing with { WallBudget = budget } : bypassing;
                yield return new GradeJob($"attack {attack.Name} (allowlist off)", () => Grade(budgeted, attack.Name + "-bypass", target, targets.Folder(attack.Name + "-bypass")), attack.Expect, budgeted.WallBudget, weight, attack.What, attack.Alone, attack.Name, attack.Sleeps);
            }
            else
            {
                yield return new GradeJob($"attack {attack.Name}", () => Grade(graded, attack.Name, target, targets.Folder(attack.Name)), attack.Expect, graded.WallBudget, weight, attack.What, attack.Alone, Sleeps: attack.Sleeps);
            }
        }
    }

    // What the attacks go after outside their sandboxes: canary files (the instructor's copy, the home
    // folder, a classmate's grade, the test guard's source) and a listener on the grader's loopback. After
    // the attacks, none may have changed, been reached, or left a process behind.
    private sealed class AttackTargets : IDisposable
    {
        private readonly string _grades;
        private readonly string _guard;
        private readonly byte[] _guardSource;
        private readonly string _homeCanary;
        private readonly string[] _canaries;
        private readonly Dictionary<string, string?> _before;
        private readonly TcpListener _listener;
        private readonly Dictionary<string, string> _paths;

        public AttackTargets(string root, string grades)
        {
            _grades = grades;
            string instructorCanary = Path.Combine(root, "artifacts", "verify", "canary-instructor.txt");
            _homeCanary = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kata-verify-canary");
            string classmate = Path.Combine(grades, "classmate", "grade.json");
            _guard = Path.Combine(root, "tests", "Kata.TestSupport", "LearnerCodeCommand.cs");
            Directory.CreateDirectory(Path.GetDirectoryName(instructorCanary)!);
            Directory.CreateDirectory(Path.GetDirectoryName(classmate)!);
            File.WriteAllText(instructorCanary, "the instructor's file\n");
            File.WriteAllText(_homeCanary, "the grader's home\n");
            File.WriteAllText(classmate, "{\"submission\": \"classmate\", \"score\": 42}\n");
            _canaries = [instructorCanary, _homeCanary, classmate, _guard];
            _before = _canaries.ToDictionary(c => c, Hash);
            _guardSource = File.ReadAllBytes(_guard);
            _listener = Attacks.Listen();
            _paths = new Dictionary<string, string>
            {
                ["__KATA_INSTRUCTOR_CANARY__"] = instructorCanary,
                ["__KATA_HOME_CANARY__"] = _homeCanary,
                ["__KATA_CLASSMATE_GRADE__"] = classmate,
                ["__KATA_GUARD_SOURCE__"] = _guard,
                ["__KATA_LISTENER_PORT__"] = ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        /// <summary>The folder of an attack's grade.</summary>
        public string Folder(string name) => Path.Combine(_grades, name);

        /// <summary>The placeholders of attack <paramref name="name"/>'s payload and what they stand for.</summary>
        public Dictionary<string, string> For(string name) =>
            new Dictionary<string, string>(_paths) { ["__KATA_LOG_DIR__"] = Path.Combine(Folder(name), "logs") };

        /// <summary>
        /// What the attacks reached outside their sandboxes, once every grade has ended: a process still
        /// running (its command line names the attack's folder), a canary changed, a connection made.
        /// </summary>
        public IEnumerable<string> Leaks()
        {
            Thread.Sleep(500); // a process that survived would show up now
            foreach (string leftover in Attacks.LeftoverProcesses())
            {
                yield return $"attacks: a process outlived grading: {leftover}";
            }

            foreach (string canary in _canaries.Where(c => Hash(c) != _before[c]))
            {
                string now = File.Exists(canary) ? File.ReadAllText(canary) : "(deleted)";
                yield return $"attacks: changed or deleted {canary}, outside the sandbox; it now reads: {(now.Length > 120 ? now[..120] + " …" : now).ReplaceLineEndings(" ")}";
            }

            while (_listener.Pending())
            {
                using TcpClient client = _listener.AcceptTcpClient();
                yield return $"attacks: a connection to the grader's machine ({((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}) came from a sandbox, from {client.Client.RemoteEndPoint}";
            }
        }

        public void Dispose()
        {
            File.WriteAllBytes(_guard, _guardSource); // should an attack have got through, leave the repository as it was
            File.Delete(_homeCanary);
            _listener.Dispose();
        }
    }

    // The second grades, through Gradescope's autograder: each results.json must be the first grade's in
    // Gradescope's format, byte for byte: the grade repeats exactly, and the zip grades as `kata grade` does.
    private static void CheckGradescope(GradingSession session, GradeReport solutions, GradeReport stubs, string?[] throughGradescope, List<string> problems)
    {
        foreach ((string name, GradeReport first, string? second) in (ReadOnlySpan<(string, GradeReport, string?)>)[("solutions", solutions, throughGradescope[0]), ("stubs", stubs, throughGradescope[1])])
        {
            if (second is null)
            {
                continue; // said above: the grade failed
            }

            string expected = GradescopeResults.Json(first, session.Plan);
            if (second != expected)
            {
                int at = Enumerable.Range(0, Math.Min(second.Length, expected.Length)).FirstOrDefault(i => second[i] != expected[i], Math.Min(second.Length, expected.Length));
                string Around(string text) => text[Math.Max(0, at - 60)..Math.Min(text.Length, at + 60)].ReplaceLineEndings(" ");
                problems.Add($"grading the {name} a second time, through Gradescope's autograder, gave another results.json than the first grade: grading is not deterministic, or the zip does not grade as `kata grade` does. At character {at}, the first grade gives \"{Around(expected)}\", the autograder wrote \"{Around(second)}\"");
            }
        }
    }

    private static void CheckBroken(GradeReport broken, GradeReport full, List<string> problems)
    {
        const string EditedTest = "tests/Kata.Tests/Checkpoint01.LinearAlgebra/DotTests.cs";
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

        if (!one.Failures.Any(f => f.Test.Contains("Subtract", StringComparison.Ordinal) && f.Message.Contains("LinearAlgebra.Subtract", StringComparison.Ordinal)))
        {
            problems.Add("grading a submission with an endless loop in Subtract: no Subtract test failed naming LinearAlgebra.Subtract");
        }

        if (one.Methods.Where(m => m.Method is not ("LinearAlgebra.Dot" or "LinearAlgebra.Subtract")).Any(m => !m.Complete))
        {
            problems.Add($"grading the broken solutions: checkpoint 1 lost points beyond Dot and Subtract: {string.Join(", ", one.Methods.Where(m => !m.Complete).Select(m => m.Method))}");
        }

        foreach (string flag in (string[])["tampered", "runaway"])
        {
            if (!broken.Flags.Any(f => f.Kind == flag))
            {
                problems.Add($"grading the broken solutions: the grade is not flagged {flag}");
            }
        }

        // Attack 10 (a stack overflow in Derivative) is graded here, within this submission: it must cost
        // Derivative's points and nothing beyond what the scenario breaks in checkpoint 1.
        problems.AddRange(Attacks.OnlyDerivative(broken, "Dot", "Subtract").Select(p => $"grading the broken solutions (attack 10-crash-in-one-method): {p}"));
        if (two.Total != full.Checkpoints.Single(c => c.Id == 2).Total)
        {
            problems.Add($"grading a submission whose Derivative overflows the stack: checkpoint 2 counted {two.Total} tests, the solutions {full.Checkpoints.Single(c => c.Id == 2).Total}; a crash must not shrink the total");
        }
    }

    // The solutions, broken on purpose (tests/scenarios/broken/README.md): Dot thrown away and one of its
    // tests edited to pass trivially, an endless loop in Subtract, and attack 10's stack overflow in Derivative.
    private static string BrokenSolutions(string root, string scratch)
    {
        string dir = MakeSubmission(root, scratch, "broken", fromSolutions: true);
        string scenarios = Path.Combine(root, "tests", "scenarios");
        LayOver(Path.Combine(scenarios, "attacks", "10-crash-in-one-method"), dir, new Dictionary<string, string>());
        LayOver(Path.Combine(scenarios, "broken"), dir, new Dictionary<string, string>());
        return dir;
    }

    // Lays a fixture folder's files (all but its README.md files) over a submission, each placeholder
    // replaced with what it stands for. A fixture that is not there is an error, not an empty attack.
    private static void LayOver(string fixture, string submission, Dictionary<string, string> placeholders)
    {
        if (!Directory.Exists(fixture))
        {
            throw new KataException($"The fixture folder {fixture} is missing: every attack and scenario is a folder of tests/scenarios/.");
        }

        foreach (string file in Directory.EnumerateFiles(fixture, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "README.md"))
        {
            string to = Path.Combine(submission, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.WriteAllText(to, Attacks.Fill(File.ReadAllText(file), placeholders));
        }
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

        // The solutions over the stubs: every file of solutions/ replaces its stub, and the provided files
        // (which exist only in exercises/) stay.
        if (fromSolutions)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "solutions"), "*", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
            {
                string to = Path.Combine(dir, "exercises", Path.GetRelativePath(Path.Combine(root, "solutions"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to, overwrite: true);
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

    private static string? Hash(string path) => File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : null;
}
