namespace Kata.Core;

/// <summary>How the tests of one checkpoint did the last time all of them ran.</summary>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Total">Tests of the checkpoint (hold-outs excluded).</param>
/// <param name="At">When the run finished.</param>
public sealed record CheckpointResult(int Passed, int Total, DateTimeOffset At)
{
    /// <summary>True when every test passed.</summary>
    public bool Complete => Total > 0 && Passed == Total;
}
