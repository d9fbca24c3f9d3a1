using System.Globalization;
using System.Text.Json.Nodes;

namespace Kata.Instructor.Autograder;

/// <summary>
/// A grade as Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/;
/// the schema the tooling tests check it against is Schemas/gradescope-results.schema.json):
/// <list type="bullet">
/// <item>one entry per test, its status and failure message, visible at once — the hold-outs only after the
/// due date (<c>after_due_date</c>), as their inputs are drawn for each student at grade time;</item>
/// <item>one entry per learner method with its points (<c>score</c> of <c>max_score</c>), shown after the due
/// date, since a method's points depend on its hold-outs (Gradescope then hides the total until then too);</item>
/// <item>the total (<c>score</c>): the grade's score plus its bonus; checkpoint 5's essay is read by the
/// instructor (a manually graded question) and is an entry without points;</item>
/// <item>the MNIST accuracy the grader computed, as a leaderboard entry and in its test's output.</item>
/// </list>
/// Every text is plain text (<c>"text"</c> formats): nothing a submission writes is rendered as HTML.
/// </summary>
public static class GradescopeResults
{
    /// <summary>results.json for <paramref name="grade"/>, whose tests are <paramref name="plan"/>'s.</summary>
    public static string Json(GradeReport grade, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(grade);
        var tests = new JsonArray();
        foreach (GradedTests.MethodOutcome m in GradedTests.Methods(grade, plan).Where(m => !m.Checkpoint.InstructorReads))
        {
            tests.Add(new JsonObject
            {
                ["name"] = $"{m.Checkpoint.Id}. {m.Checkpoint.Title}{(m.Checkpoint.Required ? string.Empty : " (bonus)")}: {m.Method}",
                ["score"] = m.Points,
                ["max_score"] = m.MaxPoints,
                ["output"] = $"{m.Passed} of {m.Total} tests of {m.Method} pass{(m.HasHoldOut ? ", hold-outs included" : string.Empty)}; a method earns its points only when every test of it passes.",
                ["tags"] = new JsonArray($"checkpoint {m.Checkpoint.Id}", "points"),
                ["visibility"] = m.HasHoldOut ? "after_due_date" : "visible",
            });
        }

        foreach (CheckpointGrade essay in grade.Checkpoints.Where(c => c.InstructorReads))
        {
            tests.Add(new JsonObject
            {
                ["name"] = $"{essay.Id}. {essay.Title}: read by your instructor",
                ["status"] = essay.Total > 0 && essay.Passed == essay.Total ? "passed" : "failed",
                ["output"] = $"The tests check the form of the text ({essay.Passed} of {essay.Total} pass); its {essay.MaxPoints} points come from your instructor's reading.",
                ["tags"] = new JsonArray($"checkpoint {essay.Id}"),
                ["visibility"] = "visible",
            });
        }

        foreach (GradedTests.TestOutcome t in GradedTests.Tests(grade, plan).Where(t => !t.Checkpoint.InstructorReads))
        {
            string output = t.Test.GradedRun is not null && grade.Mnist.Verdict is { } verdict ? $"{t.Message} {verdict}".Trim() : t.Message;
            tests.Add(new JsonObject
            {
                ["name"] = $"{t.Checkpoint.Id}. {t.Test.Name}",
                ["status"] = t.Passed ? "passed" : "failed",
                ["output"] = TextEscaping.Plain(output),
                ["tags"] = new JsonArray([$"checkpoint {t.Checkpoint.Id}", .. t.HoldOut ? (JsonNode?[])["hold-out"] : []]),
                ["visibility"] = t.HoldOut ? "after_due_date" : "visible",
            });
        }

        var results = new JsonObject
        {
            ["score"] = Math.Round(grade.Score + grade.BonusScore, 2),
            ["output"] = Summary(grade),
            ["output_format"] = "text",
            ["test_output_format"] = "text",
            ["test_name_format"] = "text",
            ["stdout_visibility"] = "hidden",
            ["extra_data"] = new JsonObject
            {
                ["passed"] = grade.Passed,
                ["pointsToConfirm"] = grade.PointsToConfirm,
                ["flags"] = new JsonArray([.. grade.Flags.Select(f => (JsonNode?)$"{f.Kind}: {TextEscaping.Plain(f.Detail)}")]),
            },
            ["tests"] = tests,
        };
        if (grade.Mnist.Accuracy is double accuracy)
        {
            results["leaderboard"] = new JsonArray(new JsonObject { ["name"] = "MNIST accuracy (%)", ["value"] = Math.Round(accuracy * 100, 2) });
        }

        return results.ToJsonString(GradedTests.JsonOptions) + "\n";
    }

    // What the student reads at once: how the visible tests went and when the points come.
    private static string Summary(GradeReport grade)
    {
        var lines = new List<string>();
        if (!grade.Build.Succeeded)
        {
            lines.Add("Your code does not compile, so no test ran:");
            lines.AddRange(grade.Build.Errors.Select(e => "  " + TextEscaping.Plain(e)));
        }
        else if (!grade.Rules.Passed)
        {
            lines.Add("Your code breaks the kata's rules, so no test ran:");
            lines.AddRange(grade.Rules.Problems.Select(p => "  " + TextEscaping.Plain(p)));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Graded in a sandbox with the kata's original tests. Each test below says whether it passes; the points of each method, the hold-out tests (inputs drawn for you at grade time) and the total appear after the due date. MNIST accuracy computed by the grader: {GradeReport.Percent(grade.Mnist.Accuracy)} (threshold {GradeReport.Percent(grade.Mnist.Threshold)})."));
        return string.Join('\n', lines);
    }
}
