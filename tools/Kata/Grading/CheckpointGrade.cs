namespace Kata.Cli.Grading;

/// <summary>How one checkpoint did.</summary>
public sealed record CheckpointGrade(
    int Id,
    string Title,
    bool Required,
    bool InstructorReads,
    int Passed,
    int Total,
    double Points,
    int MaxPoints,
    string Status,
    IReadOnlyList<MethodGrade> Methods,
    IReadOnlyList<FailedTest> Failures);
