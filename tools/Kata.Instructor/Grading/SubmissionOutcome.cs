
namespace Kata.Instructor.Grading;

/// <summary>What became of one submission: its grade, or why it could not be graded.</summary>
public sealed record SubmissionOutcome(SubmissionTarget Submission, GradeReport? Grade, string? Error);
