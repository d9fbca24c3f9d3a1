namespace Kata.Cli.Learner;

/// <summary>How a run of one checkpoint's tests ended.</summary>
public enum VerdictKind
{
    /// <summary>Every test of the checkpoint passed.</summary>
    AllPass,

    /// <summary>Some tests failed.</summary>
    SomeFail,

    /// <summary>The code did not compile: no test ran.</summary>
    BuildFailed,

    /// <summary>The build worked but no test of the checkpoint exists in this copy.</summary>
    NoTests,

    /// <summary>The run stopped for another reason (a crash of the test host, a broken restore).</summary>
    Crashed,
}
