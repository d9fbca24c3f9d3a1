namespace Kata.Cli.Grading;

/// <summary>The grader's verdict on one graded run: passed or not, the accuracy, and a sentence.</summary>
public sealed record GradedRunDecision(bool Passed, double? Accuracy, string Message);
