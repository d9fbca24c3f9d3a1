namespace Kata.Cli.Infrastructure;

/// <summary>What one <c>dotnet test</c> run reported.</summary>
/// <param name="ExitCode">dotnet test's exit code (1 when a test failed).</param>
/// <param name="Aborted">True when the run did not complete: a build error, a crashed test host, a timeout.</param>
/// <param name="Summary">The kata's end-of-run lines.</param>
/// <param name="Plan">How many tests each checkpoint has, as the test host counted them before running.</param>
/// <param name="Metrics">Numbers the tests reported, such as the MNIST accuracy.</param>
/// <param name="Tests">Every result, with its checkpoint and kind.</param>
/// <param name="LogPath">The full output of the run.</param>
/// <param name="Started">The tests in the order they started (a crash is the last one without a result).</param>
/// <param name="Records">Graded runs' reports by name; every copy that arrived.</param>
public sealed record TestRunReport(
    int ExitCode,
    bool Aborted,
    IReadOnlyList<string> Summary,
    IReadOnlyDictionary<int, int> Plan,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<TestRecord> Tests,
    string LogPath,
    IReadOnlyList<string>? Started = null,
    IReadOnlyDictionary<string, List<string>>? Records = null)
{
    /// <summary>True when the run was stopped because it ran out of time.</summary>
    public bool TimedOut { get; init; }
}
