using System.Globalization;
using System.Text.RegularExpressions;

namespace Kata.Cli.Grading;

/// <summary>
/// Judges checkpoint 14's graded run outside the sandbox, from its report (<see cref="AdditionRunReport"/>):
/// the test drew held-out prompts at grade time, the learner's model completed them, and only here are the
/// sums computed and compared — the learner's code never sees an answer. The run passes when exactly one
/// report arrived, Train returned one finite loss per batch of the graded settings, the prompts are as many
/// different held-out additions as the settings ask for, and more than the threshold of the completions are
/// exactly the sum.
/// </summary>
/// <remarks>
/// The completions are not recomputed from the trained model here (as the MNIST check recomputes the
/// predictions): the model's Generate, Forward and Train each earn points only with their hold-outs, whose
/// inputs are drawn at grade time and compared with a reference, so code that answers the prompts any other
/// way than by running the model loses those points whatever this run says.
/// </remarks>
public static class AdditionCheck
{
    /// <summary>The grader's verdict on the copies of the run's report that arrived.</summary>
    public static GradedRunDecision Check(AdditionSettings? settings, IReadOnlyList<string>? copies)
    {
        if (settings is null)
        {
            return new(false, null, "The kata's curriculum.json has no \"addition\" settings, so checkpoint 14's run cannot be judged.");
        }

        AdditionRunReport? report = GradedRunReports.Single<AdditionRunReport>(copies, "trained and completed the prompts", out string? unread);
        if (unread is not null)
        {
            return new(false, null, unread);
        }

        if (report?.Losses is not { } losses || losses.Count != settings.Steps || losses.Any(l => !double.IsFinite(l)))
        {
            return new(false, null, string.Create(
                CultureInfo.InvariantCulture,
                $"Train returned {report?.Losses?.Count ?? 0} losses; {settings.Epochs} epoch(s) of {settings.TrainingProblems:N0} problems in batches of {settings.BatchSize} take {settings.Steps:N0} steps, each with a finite loss."));
        }

        var prompt = new Regex($@"^(\d{{{settings.Digits}}})\+(\d{{{settings.Digits}}})=$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (report.Prompts is not { } prompts || prompts.Count != settings.Prompts || prompts.Distinct(StringComparer.Ordinal).Count() != prompts.Count
            || prompts.Any(p => p is null || !prompt.IsMatch(p)))
        {
            return new(false, null, $"The report does not hold {settings.Prompts} different prompts of {settings.Digits}-digit additions.");
        }

        if (report.Completions is not { } completions || completions.Count != prompts.Count)
        {
            return new(false, null, $"The report does not hold one completion for each of the {prompts.Count} prompts.");
        }

        int right = prompts.Where((p, i) => string.Equals(completions[i], Answer(prompt.Match(p), settings.Digits), StringComparison.Ordinal)).Count();
        double accuracy = (double)right / prompts.Count;
        string result = string.Create(
            CultureInfo.InvariantCulture,
            $"Your tiny GPT completed {right} of the {prompts.Count} held-out additions exactly ({accuracy:P1}, needs more than {settings.Threshold:P0})");
        return accuracy > settings.Threshold
            ? new(true, accuracy, result + ".")
            : new(false, accuracy, result + "; the other checkpoint-14 tests say which part to look at.");
    }

    // The sum of the prompt's two numbers, padded with zeros to digits + 1 characters: "085" for "37+48=".
    private static string Answer(Match prompt, int digits)
    {
        int a = int.Parse(prompt.Groups[1].Value, CultureInfo.InvariantCulture), b = int.Parse(prompt.Groups[2].Value, CultureInfo.InvariantCulture);
        return (a + b).ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
    }
}
