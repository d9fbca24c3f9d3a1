namespace Kata.Cli.Grading;

/// <summary>Whether the learner's code compiled, with the first errors when it did not.</summary>
public sealed record BuildGrade(bool Succeeded, IReadOnlyList<string> Errors);
