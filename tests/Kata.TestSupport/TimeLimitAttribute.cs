namespace Kata.TestSupport;

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
