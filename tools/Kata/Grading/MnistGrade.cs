namespace Kata.Cli.Grading;

/// <summary>The graded MNIST run: the accuracy the grader computed, the threshold, and its verdict in words.</summary>
public sealed record MnistGrade(double? Accuracy, double? Threshold, string? Verdict);
