using System.Reflection;
using Kata.Core;

namespace Kata.TestSupport;

/// <summary>Where the kata lives and how this test run was started.</summary>
public static class KataEnvironment
{
    /// <summary>Set to 1 by the grader and the maintainer check: everything is revealed, hold-outs included.</summary>
    public const string GradeModeVariable = "KATA_GRADE";

    private static readonly Lazy<Curriculum> LazyCurriculum = new(() => Kata.Core.Curriculum.Load());

    /// <summary>The repository root.</summary>
    public static string Root => KataPaths.Root;

    /// <summary>The checkpoints, from curriculum.json.</summary>
    public static Curriculum Curriculum => LazyCurriculum.Value;

    /// <summary>"exercises" or "solutions": the track these tests were built against.</summary>
    public static string Track { get; } =
        typeof(KataEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "KataTrack")?.Value ?? "exercises";

    /// <summary>
    /// Set to 1 (with <see cref="GradeModeVariable"/>) by the grader on the pristine stubs: every test is
    /// listed with its checkpoint, kind and graded methods, and none runs. That list is the grade's plan.
    /// </summary>
    public const string PlanModeVariable = "KATA_PLAN";

    /// <summary>
    /// Set by the grader to a file of full test names, one per line: only those tests are run (the others
    /// are not even discovered). A crashed test host is started again for the tests that did not run.
    /// </summary>
    public const string RunListVariable = "KATA_RUN_LIST";

    /// <summary>The tests to run, from <see cref="RunListVariable"/>, or null for all of them.</summary>
    public static IReadOnlySet<string>? RunList { get; } =
        Environment.GetEnvironmentVariable(RunListVariable) is { Length: > 0 } path && File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>True when the run only lists the tests.</summary>
    public static bool IsPlanMode =>
        Environment.GetEnvironmentVariable(PlanModeVariable) is "1" or "true";

    /// <summary>True on the solutions track.</summary>
    public static bool IsSolutionsTrack => Track == "solutions";

    /// <summary>True when the grader or the maintainer check runs the tests.</summary>
    public static bool IsGradeMode =>
        Environment.GetEnvironmentVariable(GradeModeVariable) is "1" or "true";

    /// <summary>True when every checkpoint is revealed: grade mode or the solutions track.</summary>
    public static bool RevealsEverything => IsGradeMode || IsSolutionsTrack;

    /// <summary>The learner's progress file.</summary>
    public static Progress Progress { get; } = new(KataPaths.Root);

    /// <summary>The highest revealed checkpoint.</summary>
    public static int Unlocked =>
        RevealsEverything ? int.MaxValue : Progress.Unlocked(Curriculum.First.Id);

    /// <summary>A path in the chosen track, e.g. <c>TrackPath("Checkpoint05.Reflection", "REFLECTION.md")</c>.</summary>
    public static string TrackPath(params string[] parts) => Path.Combine([Root, Track, .. parts]);
}
