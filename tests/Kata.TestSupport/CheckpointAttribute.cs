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
