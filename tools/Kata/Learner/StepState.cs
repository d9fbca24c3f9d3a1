namespace Kata.Cli.Learner;

/// <summary>Where a checkpoint stands for the learner.</summary>
public enum StepState
{
    /// <summary>Every test passed (or the learner moved past it and nothing says otherwise).</summary>
    Done,

    /// <summary>The checkpoint the learner is working on.</summary>
    InProgress,

    /// <summary>An earlier checkpoint that passed once and fails in the last run.</summary>
    FailingAgain,

    /// <summary>Not revealed yet.</summary>
    Locked,
}
