using System.Net;
using System.Net.Sockets;

namespace Kata.Maintainer.Verify;

/// <summary>
/// The attacks on grading that <c>./kata verify</c> replays: each is a folder of tests/scenarios/attacks/
/// (the files a determined student's submission changes, laid over the stubs or the solutions), graded in
/// the sandbox as an instructor would, and says what went wrong: points gained, a file outside the
/// sandbox touched, a process left running, a connection made. The files live in the folders; their
/// expectations live here, with the few steps no file in a git-tracked folder can hold (links, a FIFO,
/// git history made at grade time).
/// </summary>
public static class Attacks
{
    /// <summary>Every process an attack starts carries this word on its command line.</summary>
    public const string Marker = "kata-attack-marker";

    /// <summary>One attack: how its submission is made and what its grade must show.</summary>
    /// <param name="Name">The folder under tests/scenarios/attacks/ that holds its files and its README.</param>
    /// <param name="What">What it tries, for the report.</param>
    /// <param name="Solutions">True to start from the solutions, false from the stubs.</param>
    /// <param name="Make">What no file of the folder can be, done after its files are laid over: links, a FIFO, git history.</param>
    /// <param name="AsGitUrl">Grade it from a file:// git URL instead of a folder.</param>
    /// <param name="Expect">The problems with its grade, if any.</param>
    /// <param name="Bypass">
    /// True for an attack whose code the allowlist refuses: it is graded twice, once as a class is graded
    /// (refused before any of it runs: nothing gained, flagged "refused"), and once with the allowlist
    /// switched off, as if it had a gap, where <paramref name="Expect"/> must hold for the next line of
    /// defence (the sandbox, the guard's witness, the hold-outs).
    /// </param>
    /// <param name="Budget">The submission's wall budget for this attack, when not the default.</param>
    /// <param name="Alone">
    /// Graded with nothing beside it: its limits are shared by every sandbox (the process limit counts per
    /// user, and all sandboxes run as one), so its hogs would fail honest grades next to it.
    /// </param>
    /// <param name="Sleeps">Its grade mostly waits (code asleep until the limits stop it), so it runs beside the others.</param>
    /// <param name="GradedWithin">
    /// The scenario whose submission holds this attack's files and whose checks include <paramref name="Expect"/>'s,
    /// so that it is not graded a second time on its own (KATA_VERIFY_ATTACKS naming it replays that scenario).
    /// </param>
    public sealed record Attack(string Name, string What, bool Solutions, Action<AttackContext>? Make, bool AsGitUrl, Func<GradeReport, IEnumerable<string>> Expect, bool Bypass = false, TimeSpan? Budget = null, bool Alone = false, bool Sleeps = false, string? GradedWithin = null);

    /// <summary>What an attack's setup knows: the submission folder and the kata's root.</summary>
    public sealed record AttackContext(string Submission, string Root);

    /// <summary>The attacks, in the numbering of the grading issue.</summary>
    public static IReadOnlyList<Attack> All { get; } =
    [
        new("01-reach-out", "1–2: reach other folders, the home folder, the network; leave a process behind", false, null, false, Nothing, Bypass: true),
        new("02-forge-results", "3: forge the results file, then kill every process in sight", false, null, false, Nothing, Bypass: true),
        new("03-hijack-assertions", "4: replace ShouldBe, Assert and Is at compile time", false, null, false, g => [.. Nothing(g), .. g.Rules.Passed ? ["the hijacking API was not refused by the rules"] : Array.Empty<string>()]),
        new("04-nunit-verdicts", "5: pass by NUnit's SuccessException, by printing the logger's lines, HTML in a message", false, null, false, Escaped, Bypass: true),
        new("05-links", "6: a link to the solutions, a link to /dev/zero, a FIFO", false, Links, false, Nothing),
        new("06-links-from-git", "6: the same links, committed to git and graded from its URL", false, LinksInGit, true, Nothing),
        new("07-no-training", "7: a Train that returns at once and an Accuracy that says 0.99 (on the solutions)", true, null, false, NoTrainingPoints),
        new("08-zeros", "8: zeros, identity matrices and echoed inputs of the right shapes; an essay of nonsense and of repeated words", false, null, false, g => [.. Nothing(g), .. Compiled(g), .. RepeatedWordsCaught(g), .. g.PointsToConfirm > 0 && g.NeedsReading.Count == 0 ? ["the essay's points are not marked for the instructor's reading"] : Array.Empty<string>()]),
        new("09-hang-on-load", "9: a module initializer that never returns", false, null, false, g => [.. Nothing(g), .. g.Flags.Any(f => f.Kind == "runaway") ? Array.Empty<string>() : ["the hang is not flagged as runaway code"]], Bypass: true),
        new("10-crash-in-one-method", "9: a stack overflow in Derivative (on the solutions)", true, null, false, g => OnlyDerivative(g), GradedWithin: "broken"),
        new("11-processes-and-resources", "9: child processes (plain, detached), a fork bomb, memory and disk hogs", false, null, false, Nothing, Bypass: true, Alone: true),
        new("12-own-tooling", "10: ./kata replaced by `exit 0`, tools and workflow edited, a 2001 root commit with edited tests", false, OwnTooling, true, g => [.. Nothing(g), .. g.Tampered.Any(t => t.StartsWith("kata", StringComparison.Ordinal)) ? Array.Empty<string>() : ["the replaced ./kata is not named among the changed files"]]),
        new("13-forge-through-nunit", "20a: every test reported as passed through NUnit's listener, the real results silenced", false, null, false, g => [.. Nothing(g), .. Flagged(g, "forged")], Bypass: true),
        new("14-forge-then-crash", "20b: checkpoints 1–3 reported as passed, then the host ended", false, null, false, g => [.. Nothing(g), .. Flagged(g, "forged")], Bypass: true),
        new("15-forge-through-the-adapter", "20c: passed results recorded on the adapter's channel to VSTest", false, null, false, g => [.. Nothing(g), .. Flagged(g, "forged")], Bypass: true),
        new("16-answers-chosen-by-the-caller", "20d: Add, Subtract and Hadamard return the calling test's expected matrix", false, null, false, g => [.. Nothing(g), .. NoPointsFor(g, AnsweredMethods), .. Flagged(g, "holdout")], Bypass: true),
        new("17-answers-chosen-by-call-order", "20e: Add, Subtract and Hadamard answer from a table keyed by call order", false, null, false, g => [.. Nothing(g), .. NoPointsFor(g, AnsweredMethods), .. Flagged(g, "holdout")]),
        new("18-sleep-in-every-test", "20f: every stub sleeps for an hour", false, null, false, g => [.. Nothing(g), .. Flagged(g, "runaway"), .. Flagged(g, "timeout")], Bypass: true, Budget: TimeSpan.FromMinutes(2), Sleeps: true),
        new("19-sleep-where-threads-are-allowed", "20f: checkpoint 12's products sleep for an hour (threads are allowed there)", false, null, false, g => [.. Nothing(g), .. Flagged(g, "runaway")], Sleeps: true),
        new("20-memory-through-proc", "checkpoint 4's file reading turned on the host's own memory, environment and stderr", false, null, false, MemoryClosed),
    ];

    private static string[] AnsweredMethods => ["LinearAlgebra.Add", "LinearAlgebra.Subtract", "LinearAlgebra.Hadamard"];

    private static IEnumerable<string> NoPointsFor(GradeReport g, IEnumerable<string> methods)
    {
        foreach (string method in methods)
        {
            if (g.Checkpoints.SelectMany(c => c.Methods).FirstOrDefault(m => m.Method == method) is not { Complete: false, Points: 0 })
            {
                yield return $"{method} earned its points by answering instead of computing";
            }
        }
    }

    // The host's /proc files stay closed to learner code, and forged witness lines are not believed.
    private static IEnumerable<string> MemoryClosed(GradeReport g)
    {
        foreach (string problem in Nothing(g))
        {
            yield return problem;
        }

        string? said = g.Checkpoints.SelectMany(c => c.Failures).Select(f => f.Message).FirstOrDefault(m => m.Contains("attack 20:", StringComparison.Ordinal));
        if (said is null)
        {
            yield return "no test failed with the attack's own message: it did not run";
        }
        else if (!said.Contains("mem=UnauthorizedAccessException", StringComparison.Ordinal) || !said.Contains("environ=UnauthorizedAccessException", StringComparison.Ordinal))
        {
            yield return $"learner code could open the test host's memory or environment: {said}";
        }

        else if (said.Contains("witness=read", StringComparison.Ordinal))
        {
            // It could write to the host's stderr: then its witness lines must not have been believed.
            foreach (string problem in Flagged(g, "forged"))
            {
                yield return problem;
            }
        }
    }

    // An attack that does not compile proves nothing about the tests.
    private static IEnumerable<string> Compiled(GradeReport g) =>
        g.Build.Succeeded ? [] : [$"it does not compile, so it tests nothing: {(g.Build.Errors.Count > 0 ? g.Build.Errors[0] : "no error shown")}"];

    /// <summary>The expectation of a refused attack: nothing gained, and the refusal named.</summary>
    public static IEnumerable<string> Refused(GradeReport g) => [.. Nothing(g), .. Flagged(g, "refused")];

    private static IEnumerable<string> Flagged(GradeReport g, string kind)
    {
        if (!g.Flags.Any(f => f.Kind == kind))
        {
            yield return $"its grade carries no \"{kind}\" flag (flags: {string.Join(", ", g.Flags.Select(f => f.Kind).Distinct())})";
        }
    }

    /// <summary>Replaces the placeholders of an attack's payload with the paths it goes after.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> targets) =>
        targets.Aggregate(text, (t, p) => t.Replace(p.Key, p.Value, StringComparison.Ordinal));

    /// <summary>A listener on the host's loopback: any connection to it means the sandbox leaked network.</summary>
    public static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    /// <summary>Processes whose command line carries <see cref="Marker"/>: left behind by an attack.</summary>
    public static IReadOnlyList<string> LeftoverProcesses()
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(Marker, StringComparison.Ordinal) && !cmdline.Contains("kata.dll", StringComparison.Ordinal) && !cmdline.Contains("kata-maintainer.dll", StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)}: {cmdline.Trim()}");
                }
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    // Attack 08's essay answers sections 3 and 4 with four subject words repeated in short sentences: long
    // enough, in sentences, on its subject, unlike any other section. Only the hold-out that counts
    // different words stops it, and it must.
    private static IEnumerable<string> RepeatedWordsCaught(GradeReport g)
    {
        const string Test = "Each_section_is_written_in_varied_words_not_one_word_repeated";
        IReadOnlyList<FailedTest> failures = g.Checkpoints.SingleOrDefault(c => c.Id == 5)?.Failures ?? [];
        foreach (int section in (int[])[3, 4])
        {
            if (!failures.Any(f => f.Test == $"{Test}(section {section})"))
            {
                yield return $"the essay's section {section}, four words repeated, did not fail {Test}";
            }
        }
    }

    // An attack on the stubs must earn nothing, and its grade must be trustworthy: passed ≤ total.
    private static IEnumerable<string> Nothing(GradeReport g)
    {
        if (g.Score > 0 || g.BonusScore > 0 || g.Passed)
        {
            yield return $"it earned {g.ScoreText()} (bonus {g.BonusScore}), passed={g.Passed}; expected 0 certain points";
        }

        foreach (CheckpointGrade c in g.Checkpoints.Where(c => c.Passed > c.Total))
        {
            yield return $"checkpoint {c.Id} shows {c.Passed} passed of {c.Total}";
        }

        if (g.Mnist.Accuracy is > 0.5)
        {
            yield return $"the MNIST accuracy came out as {g.Mnist.Accuracy}";
        }
    }

    private static IEnumerable<string> Escaped(GradeReport g)
    {
        foreach (string problem in Nothing(g))
        {
            yield return problem;
        }

        if (g.ToMarkdown().Contains("<h2>", StringComparison.Ordinal) || g.ToMarkdown().Contains("<img", StringComparison.Ordinal))
        {
            yield return "HTML from a test message reached grade.md unescaped";
        }
    }

    private static IEnumerable<string> NoTrainingPoints(GradeReport g)
    {
        CheckpointGrade four = g.Checkpoints.Single(c => c.Id == 4);
        foreach (string method in (string[])["Training.Train", "Evaluation.Accuracy"])
        {
            if (four.Methods.FirstOrDefault(m => m.Method == method) is not { Complete: false, Points: 0 })
            {
                yield return $"{method} earned points without doing its work";
            }
        }

        if (g.Mnist.Accuracy is not < 0.5)
        {
            yield return $"the MNIST accuracy came out as {g.Mnist.Accuracy?.ToString() ?? "nothing"}; the untrained network's real accuracy is near chance";
        }

        if (g.Checkpoints.Where(c => c.Id != 4 && c.Required && !c.InstructorReads).Any(c => c.Passed != c.Total))
        {
            yield return "checkpoints other than 4 lost points";
        }
    }

    /// <summary>
    /// Attack 10's expectation: a stack overflow in Derivative costs Derivative's points and nothing else,
    /// and is flagged. The broken scenario, whose submission holds attack 10's file, also loses the methods
    /// it breaks on purpose, named in <paramref name="alsoBroken"/>.
    /// </summary>
    public static IEnumerable<string> OnlyDerivative(GradeReport g, params string[] alsoBroken)
    {
        CheckpointGrade two = g.Checkpoints.Single(c => c.Id == 2);
        if (two.Methods.Any(m => m.Method != "Calculus.Derivative" && !m.Complete))
        {
            yield return "a stack overflow in Derivative cost other methods of checkpoint 2 their points";
        }

        if (LostElsewhere(g).Where(t => !alsoBroken.Any(b => t.Contains(b, StringComparison.Ordinal))).ToList() is { Count: > 0 } lost)
        {
            yield return $"a stack overflow in Derivative cost tests that do not use it: {string.Join(", ", lost)}";
        }

        if (!g.Flags.Any(f => f.Kind == "crash"))
        {
            yield return "the crash is not flagged";
        }
    }

    // Tests outside checkpoint 2 that failed, except the one that calls the learner's Derivative on
    // purpose (checkpoint 4 compares σ' with the numerical derivative of σ).
    private static IReadOnlyList<string> LostElsewhere(GradeReport g) =>
    [
        .. g.Checkpoints.Where(c => c.Id != 2 && c.Required)
            .SelectMany(c => c.Failures.Select(f => f.Test))
            .Where(t => !t.Contains("numerical_derivative", StringComparison.Ordinal)),
    ];

    // 05 and 06: what their folders cannot hold, since a folder's files are laid over the submission as text.
    private static void Links(AttackContext c)
    {
        string file = Path.Combine(c.Submission, "exercises", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs");
        File.Delete(file);

        // A symbolic link (to the solutions, whose path is known only at grade time) is not a file's text.
        File.CreateSymbolicLink(file, Path.GetRelativePath(Path.GetDirectoryName(file)!, Path.Combine(c.Root, "solutions", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs")));

        // A link to /dev/zero: copied as text, it would be read without end.
        File.CreateSymbolicLink(Path.Combine(c.Submission, "exercises", "Checkpoint01.LinearAlgebra", "Zeros.cs"), "/dev/zero");

        // A link to a folder (the root of the machine) is not a file either.
        Directory.CreateSymbolicLink(Path.Combine(c.Submission, "exercises", "Checkpoint02.Optimization", "Elsewhere"), "/");

        // A FIFO cannot be committed to git, and reading one waits for a writer.
        Run(c.Submission, "mkfifo", Path.Combine(c.Submission, "exercises", "Checkpoint02.Optimization", "Pipe.cs"));
    }

    // 06: the same links and FIFO, committed (git history made at grade time: a repository is no file of a folder).
    private static void LinksInGit(AttackContext c)
    {
        Links(c);
        GitInit(c.Submission);
    }

    // 12: ./kata, the tool and the workflow it edits are files of its folder; its git history is made here.
    private static void OwnTooling(AttackContext c)
    {
        // Git history made at grade time: the submission is graded from its URL, so it must be a repository.
        GitInit(c.Submission);

        // An unrelated history, dated 2001, whose tests pass anything: "the first commit" to a naive grader.
        // Its files are the folder's fake-root/ (only a README.md, so never laid over the submission itself).
        string fake = Path.Combine(Path.GetDirectoryName(c.Submission)!, Path.GetFileName(c.Submission) + "-fake-root");
        if (Directory.Exists(fake))
        {
            Directory.Delete(fake, recursive: true);
        }

        string files = Path.Combine(c.Root, "tests", "scenarios", "attacks", "12-own-tooling", "fake-root");
        foreach (string file in Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(fake, Path.GetRelativePath(files, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        GitInit(fake, date: "2001-01-01T00:00:00");
        Run(c.Submission, "git", "fetch", "--quiet", fake, "HEAD");
        Run(c.Submission, "git", "-c", "user.name=x", "-c", "user.email=x@x.invalid", "merge", "--quiet", "--allow-unrelated-histories", "-m", "merge", "FETCH_HEAD");
    }

    private static void GitInit(string dir, string? date = null)
    {
        var environment = date is null ? null : new Dictionary<string, string?> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date };
        foreach (string[] command in (string[][])
        [
            ["init", "--quiet", "--initial-branch=main"],
            ["add", "--all"],
            ["-c", "user.name=Student", "-c", "user.email=student@example.invalid", "commit", "--quiet", "-m", "my work"],
        ])
        {
            Run(dir, "git", environment, command);
        }
    }

    private static void Run(string dir, string program, params string[] arguments) => Run(dir, program, null, arguments);

    private static void Run(string dir, string program, IReadOnlyDictionary<string, string?>? environment, string[] arguments)
    {
        string log = Path.Combine(Path.GetTempPath(), $"kata-attack-{Environment.ProcessId}.log");
        if (ProcessRunner.Run(program, arguments, dir, log, environment).ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed in {dir}; see {log}.");
        }
    }
}
