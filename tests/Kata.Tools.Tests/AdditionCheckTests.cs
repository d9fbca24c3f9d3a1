using System.Text.Json;
using System.Text.Json.Serialization;
using Kata.Cli.Grading;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// How the grader judges checkpoint 14's graded run outside the sandbox (<see cref="AdditionCheck"/>): it
/// computes the sums of the reported prompts itself, and trusts a report only when it has the settings' shape.
/// </summary>
public sealed class AdditionCheckTests
{
    private static readonly AdditionSettings Settings = new(
        Threshold: 0.5, Digits: 2, Width: 8, Heads: 2, Layers: 1, TrainingProblems: 10, Prompts: 4, LearningRate: 0.01, Epochs: 2, BatchSize: 4, Seed: 1);

    private static readonly string[] Prompts = ["37+48=", "00+00=", "99+99=", "50+07="];

    // As the graded test writes its report: camelCase, and an infinite loss as "Infinity".
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    [Test]
    public void The_grader_computes_the_sums_and_counts_the_completions_that_are_exactly_right()
    {
        GradedRunDecision decision = AdditionCheck.Check(Settings, [Report(completions: ["085", "000", "198", "056"])]);

        decision.Accuracy.ShouldBe(0.75, "three of the four completions are the padded sum (50 + 07 is 057)");
        decision.Passed.ShouldBeTrue(decision.Message);
        decision.Message.ShouldContain("3 of the 4");
    }

    [Test]
    public void A_run_at_or_below_the_threshold_fails()
    {
        GradedRunDecision decision = AdditionCheck.Check(Settings, [Report(completions: ["085", "000", "199", "56"])]);

        decision.Accuracy.ShouldBe(0.5);
        decision.Passed.ShouldBeFalse("the run must be more than the threshold");
    }

    [Test]
    public void A_report_that_arrived_twice_or_not_at_all_is_not_trusted()
    {
        string report = Report(completions: ["085", "000", "198", "057"]);

        AdditionCheck.Check(Settings, [report, report]).Passed.ShouldBeFalse("a second copy means someone else printed one");
        AdditionCheck.Check(Settings, []).Passed.ShouldBeFalse("no report: the run stopped before it reported");
        AdditionCheck.Check(Settings, ["{not json"]).Passed.ShouldBeFalse("an unreadable report");
    }

    [Test]
    public void A_report_whose_training_or_prompts_do_not_fit_the_settings_fails_naming_why()
    {
        string[] right = ["085", "000", "198", "057"];
        (string Report, string Says)[] wrong =
        [
            (Report(right, losses: 3), "losses"),
            (Report(right, infinite: true), "finite"),
            (Report(right, prompts: ["37+48=", "37+48=", "99+99=", "50+07="]), "different prompts"),
            (Report(right, prompts: ["37+48=", "0+0=", "99+99=", "50+07="]), "2-digit"),
            (Report(right, prompts: ["37+48=", "00+00=", "99+99="]), "4 different prompts"),
            (Report(["085", "000"]), "one completion"),
        ];

        foreach ((string report, string says) in wrong)
        {
            GradedRunDecision decision = AdditionCheck.Check(Settings, [report]);
            decision.Passed.ShouldBeFalse($"a report that should be refused for its {says}");
            decision.Message.ShouldContain(says);
        }
    }

    // A report as the graded test writes it: losses 2 epochs · ⌈10 / 4⌉ = 6 unless said otherwise.
    private static string Report(string[] completions, int losses = 6, bool infinite = false, string[]? prompts = null)
    {
        double[] values = [.. Enumerable.Range(0, losses).Select(i => infinite && i == 0 ? double.PositiveInfinity : 2.0 / (i + 1))];
        return JsonSerializer.Serialize(new AdditionRunReport(AdditionRunReport.RunName, values, prompts ?? Prompts, completions), WriteOptions);
    }
}
