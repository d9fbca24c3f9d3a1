namespace Kata.Cli.Learner.Warm;

/// <summary>
/// What <c>kata watch</c> asks its warm worker, one JSON line on the worker's stdin: run the tests of
/// <paramref name="Checkpoints"/> (kata watch: one; the tooling tests: several in one run), writing the results to <paramref name="Json"/> (the kata logger's format).
/// <paramref name="BuiltFrom"/> and <paramref name="BuiltUntil"/> bound the last full build (dotnet test) of
/// the watch: what changed after it started is compiled again, and what only a build can take sends the run
/// the long way.
/// </summary>
public sealed record WarmRequest(IReadOnlyList<int> Checkpoints, string Json, DateTime BuiltFrom, DateTime BuiltUntil);
