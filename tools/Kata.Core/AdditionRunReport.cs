namespace Kata.Core;

/// <summary>
/// What checkpoint 14's graded run reports to the grader (as a <c>[kata-record]</c> line): the loss of every
/// batch, the held-out prompts it drew at grade time and the learner's model's completion of each. The
/// grader, outside the sandbox, computes the sums and the share completed exactly.
/// </summary>
/// <param name="Name">The run's name, <see cref="RunName"/>.</param>
/// <param name="Losses">What Train returned: one loss per batch.</param>
/// <param name="Prompts">The held-out prompts, such as "37+48=", never trained on.</param>
/// <param name="Completions">The model's greedy completion of each prompt, as many characters as an answer has.</param>
public sealed record AdditionRunReport(string Name, IReadOnlyList<double> Losses, IReadOnlyList<string> Prompts, IReadOnlyList<string> Completions)
{
    /// <summary>The graded run's name (its test's GradedRun property and its report's name).</summary>
    public const string RunName = "addition";
}
