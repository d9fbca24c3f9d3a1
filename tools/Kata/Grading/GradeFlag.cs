namespace Kata.Cli.Grading;

/// <summary>Something an instructor should look at: edited tests, a runaway loop, a crash, a report that is not trusted.</summary>
public sealed record GradeFlag(string Kind, string Detail);
