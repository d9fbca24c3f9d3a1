namespace Kata.TestSupport;

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
