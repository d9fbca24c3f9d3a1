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
/// An instructor's hold-out test: learners never see it (the release export strips every file under a
/// HoldOut folder), and it runs only in grade mode. It must still fail on the stubs and pass on the
/// solutions like every graded test.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HoldOutAttribute() : CategoryAttribute(Name)
{
    /// <summary>The NUnit category, usable in filters: <c>--filter TestCategory!=HoldOut</c>.</summary>
    public new const string Name = "HoldOut";
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
