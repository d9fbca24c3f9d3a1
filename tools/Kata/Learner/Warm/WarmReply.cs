namespace Kata.Cli.Learner.Warm;

/// <summary>The worker's answer to a <see cref="WarmRequest"/>, one JSON line on its stdout.</summary>
/// <param name="Kind"><see cref="Ran"/>, <see cref="DoesNotCompile"/> or <see cref="LongWay"/>.</param>
/// <param name="Lines">The compiler's errors (when it does not compile).</param>
/// <param name="Reason">Why the run must go the long way (when it does).</param>
/// <param name="Restart">True when this worker should not serve again: learner code is still running in it (a
/// loop the guard parked), or the test libraries it holds changed. Start a new one.</param>
/// <param name="Compiled">The learner projects compiled in process for this run.</param>
public sealed record WarmReply(string Kind, IReadOnlyList<string> Lines, string? Reason, bool Restart, IReadOnlyList<string> Compiled)
{
    public const string Ran = "ran";
    public const string DoesNotCompile = "does-not-compile";
    public const string LongWay = "long-way";
}
