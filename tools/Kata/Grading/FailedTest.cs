namespace Kata.Cli.Grading;

/// <summary>One failing test, as a grade shows it: its name and the first line of its message.</summary>
public sealed record FailedTest(string Test, string Message);
