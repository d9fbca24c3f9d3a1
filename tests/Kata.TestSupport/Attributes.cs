using System.Globalization;

namespace Kata.TestSupport;

/// <summary>
/// Marks a fixture as part of checkpoint N: <c>dotnet test --filter Checkpoint=N</c> selects it, and
/// <see cref="KataRunAttribute"/> hides it while checkpoint N is locked. The value is stored as a
/// string: with an int value NUnit 4.4's property filter throws while exploring the tests.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class CheckpointAttribute(int checkpoint)
    : PropertyAttribute(PropertyName, checkpoint.ToString(CultureInfo.InvariantCulture))
{
    /// <summary>The NUnit property (and VSTest trait) name.</summary>
    public const string PropertyName = "Checkpoint";

    /// <summary>The checkpoint number.</summary>
    public int Number { get; } = checkpoint;
}

/// <summary>
/// Names the learner method (or file) a test specifies, as "Type.Method": <c>[Grades("LinearAlgebra.Dot")]</c>.
/// On a fixture it applies to every test in it; a test's own <c>[Grades]</c> adds to its fixture's. Two
/// things rest on it: grading gives a method its points only when every test that grades it passes
/// (so zeros of the right shape earn nothing), and a learner method that never returned fails the
/// later tests that grade it at once instead of each waiting out its time limit.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class GradesAttribute : PropertyAttribute
{
    /// <summary>The NUnit property (and VSTest trait) name; one value per method.</summary>
    public const string PropertyName = "Grades";

    /// <summary>Marks the test or fixture as grading each of <paramref name="methods"/>.</summary>
    public GradesAttribute(params string[] methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        Methods = methods;
        foreach (string method in methods)
        {
            Properties.Add(PropertyName, method);
        }
    }

    /// <summary>The methods, as "Type.Method".</summary>
    public IReadOnlyList<string> Methods { get; }
}

/// <summary>
/// Marks a test whose verdict the grader computes outside its sandbox from the run's report (a trained
/// network and its predictions; see Kata.Core.GradedRunSpec): in the sandbox the test only trains and
/// reports, because the t10k labels are not there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class GradedRunAttribute(string name) : PropertyAttribute(PropertyName, name)
{
    /// <summary>The NUnit property (and VSTest trait) name.</summary>
    public const string PropertyName = "GradedRun";
}

/// <summary>
/// An instructor's hold-out test: learners never see it (the release export strips every file under a
/// HoldOut folder), and it runs only in grade mode. It must still fail on the stubs and pass on the
/// solutions like every graded test. Filter with <c>--filter Kind=HoldOut</c> or <c>Kind!=HoldOut</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HoldOutAttribute() : PropertyAttribute(KindProperty.Name, KindProperty.HoldOut);

/// <summary>
/// The kata's own rules (learner code is BCL-only, the tracks are twins): no checkpoint, no points,
/// but the grader refuses a submission that breaks them. Filter with <c>--filter Kind=Rules</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class KataRulesAttribute() : PropertyAttribute(KindProperty.Name, KindProperty.Rules);

/// <summary>The property that tells hold-outs and rules apart from ordinary checkpoint tests.</summary>
public static class KindProperty
{
    /// <summary>The NUnit property (and VSTest trait) name.</summary>
    public const string Name = "Kind";

    /// <summary>Value for hold-out tests.</summary>
    public const string HoldOut = "HoldOut";

    /// <summary>Value for the kata's rules.</summary>
    public const string Rules = "Rules";
}

/// <summary>
/// Gives a test more (or less) than <see cref="DefaultSeconds"/> before it is stopped as a runaway
/// loop. A guard against hangs, never a speed requirement: speed is measured by the benchmarks.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class TimeLimitAttribute(int seconds) : NUnitAttribute
{
    /// <summary>The limit for tests that do not say otherwise.</summary>
    public const int DefaultSeconds = 10;

    /// <summary>Seconds before the test is failed as a runaway.</summary>
    public int Seconds { get; } = seconds;
}
