namespace Kata.Instructor.Grading;

/// <summary>A regrade of a class: how many grades had an earlier one to compare with, and those that changed.</summary>
public sealed record RegradeReport(int Compared, IReadOnlyList<RegradeChange> Changes)
{
    /// <summary>The report as plain text (the terminal) or markdown (the job summary).</summary>
    public string Text(bool markdown) => Regrade.Text(Changes, Compared, markdown);
}
