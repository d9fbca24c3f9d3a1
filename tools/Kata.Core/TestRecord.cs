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

    /// <summary>
    /// The record of one result, made the same way wherever the result comes from: the kata logger (from
    /// VSTest's result) and kata watch's warm worker (from NUnit's, in tests/Kata.TestSupport/WarmRun.cs).
    /// <paramref name="traits"/> are the test's properties and its ancestors' (VSTest's traits), the
    /// <paramref name="stackTrace"/> is what the site is blamed from.
    /// </summary>
    public static TestRecord From(
        string name,
        string fullyQualifiedName,
        string outcome,
        IReadOnlyCollection<KeyValuePair<string, string>> traits,
        string? message,
        string? stackTrace,
        TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(traits);
        string? Trait(string key) => traits.FirstOrDefault(t => t.Key == key).Value;
        int? checkpoint = int.TryParse(Trait("Checkpoint"), System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;
        return new TestRecord(
            name,
            fullyQualifiedName,
            outcome,
            checkpoint,
            Trait("Kind"),
            message,
            Math.Round(duration.TotalSeconds, 3),
            outcome == "Failed" ? Blame.Describe(stackTrace, message, checkpoint) : null,
            [.. traits.Where(t => t.Key == "Grades").Select(t => t.Value).Distinct().Order(StringComparer.Ordinal)],
            Trait("GradedRun"));
    }
}
