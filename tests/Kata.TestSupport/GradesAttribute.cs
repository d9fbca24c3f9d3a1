namespace Kata.TestSupport;

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
