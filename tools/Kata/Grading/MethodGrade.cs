namespace Kata.Cli.Grading;

/// <summary>
/// One learner method of a checkpoint: it earns its share of the checkpoint's points only when every test
/// that grades it passes, so code that returns zeros of the right shape earns nothing for it.
/// </summary>
public sealed record MethodGrade(string Method, int Passed, int Total, bool Complete, double Points);
