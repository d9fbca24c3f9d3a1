namespace Kata.Instructor.Grading;

/// <summary>How one submission's grade changed on a regrade: the numbers before and after, and the tests that differ.</summary>
/// <param name="Submission">The submission's name.</param>
/// <param name="Before">The grade before the regrade.</param>
/// <param name="After">The grade now.</param>
/// <param name="NowFailing">Tests that passed before and fail now ("checkpoint N: name").</param>
/// <param name="NowPassing">Tests that failed before and pass now.</param>
/// <param name="Notes">Checkpoints graded in only one of the two grades, and the like.</param>
public sealed record RegradeChange(string Submission, GradeReport Before, GradeReport After, IReadOnlyList<string> NowFailing, IReadOnlyList<string> NowPassing, IReadOnlyList<string> Notes)
{
    /// <summary>Points after minus points before (score and bonus).</summary>
    public double Delta => Math.Round(After.Score + After.BonusScore - (Before.Score + Before.BonusScore), 2);
}
