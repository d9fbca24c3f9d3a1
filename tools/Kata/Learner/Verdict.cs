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
    /// <summary>Tests that failed for a reason other than a stub.</summary>
    public int Failing => Total - Passed - NotImplemented;
}
