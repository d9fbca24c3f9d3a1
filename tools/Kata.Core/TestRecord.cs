namespace Kata.Core;

/// <summary>
/// One test result as the kata logger writes it (<c>--logger "kata;json=path"</c>) and the tools read
/// it: the contract between tests/Kata.TestLogger and tools/Kata.
/// </summary>
/// <param name="Name">The test's display name.</param>
/// <param name="FullyQualifiedName">Namespace, class and name.</param>
/// <param name="Outcome">VSTest's outcome: Passed, Failed, Skipped, NotFound or None.</param>
/// <param name="Checkpoint">The test's Checkpoint property, if any.</param>
/// <param name="Kind">The test's Kind property: "Rules", "HoldOut" or null.</param>
/// <param name="Message">The failure message, if any.</param>
/// <param name="Seconds">How long it took.</param>
/// <param name="Site">For a failure: where it happened, e.g. "your code: LinearAlgebra.Dot in exercises/….cs:line 17".</param>
/// <param name="Grades">The learner methods the test grades (its Grades property), e.g. "LinearAlgebra.Dot".</param>
/// <param name="GradedRun">For a graded training run (its GradedRun property), the name of the run's report.</param>
public sealed record TestRecord(
    string Name,
    string FullyQualifiedName,
    string Outcome,
    int? Checkpoint,
    string? Kind,
    string? Message,
    double Seconds,
    string? Site = null,
    IReadOnlyList<string>? Grades = null,
    string? GradedRun = null)
{
    /// <summary>True for the kata's own rules.</summary>
    public bool IsRule => Kind == "Rules";

    /// <summary>True for an instructor's hold-out test.</summary>
    public bool IsHoldOut => Kind == "HoldOut";

    /// <summary>True for a test that passed.</summary>
    public bool Passed => Outcome == "Passed";
}
