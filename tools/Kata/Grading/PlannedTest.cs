namespace Kata.Cli.Grading;

/// <summary>One test the pristine kata has: what a grade counts, whatever a submission's run reports.</summary>
/// <param name="FullyQualifiedName">NUnit's full name, which the results are matched on.</param>
/// <param name="Name">The name a learner reads.</param>
/// <param name="Checkpoint">The checkpoint, or null for the kata's rules.</param>
/// <param name="Kind">"Rules", "HoldOut" or null.</param>
/// <param name="Grades">The learner methods the test grades.</param>
/// <param name="GradedRun">For a graded training run, the name of its report.</param>
public sealed record PlannedTest(string FullyQualifiedName, string Name, int? Checkpoint, string? Kind, IReadOnlyList<string> Grades, string? GradedRun);
