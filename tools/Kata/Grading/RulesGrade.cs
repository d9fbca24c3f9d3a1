namespace Kata.Cli.Grading;

/// <summary>
/// The kata's rules, checked by the grader on the compiled learner code before any of it runs: the public
/// API is the kata's, no internals are opened, only the .NET base library is used.
/// </summary>
public sealed record RulesGrade(bool Passed, IReadOnlyList<string> Problems);
