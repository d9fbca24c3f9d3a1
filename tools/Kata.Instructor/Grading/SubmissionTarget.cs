namespace Kata.Instructor.Grading;

/// <summary>One submission's place in a grading run: its output name and what the instructor named.</summary>
public sealed record SubmissionTarget(string Name, string Target);
