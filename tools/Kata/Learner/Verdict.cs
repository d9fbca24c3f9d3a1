namespace Kata.Cli.Learner;

/// <summary>The short answer to "did my change work?" for one checkpoint.</summary>
public sealed record Verdict(
    int Checkpoint,
    VerdictKind Kind,
    int Passed,
    int Total,
    int NotImplemented,
    TestRecord? FirstFailure,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Summary,
    TimeSpan Elapsed,
    string LogPath)
{
    /// <summary>A word on how the tests were run, when it is worth saying (the long way, and why), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Tests that failed for a reason other than a stub.</summary>
    public int Failing => Total - Passed - NotImplemented;
}
