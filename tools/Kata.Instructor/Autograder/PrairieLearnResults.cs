using System.Text.Json.Nodes;

namespace Kata.Instructor.Autograder;

/// <summary>
/// A grade as PrairieLearn's external-grader results.json (https://prairielearn.readthedocs.io/en/latest/externalGrading/,
/// "Grading results"; the tooling tests check it against Schemas/prairielearn-results.schema.json):
/// <c>score</c> between 0 and 1 — the required points the tests establish over the required points the tests
/// can establish (checkpoint 5's essay is for a manually graded question, bonus checkpoints do not count) —
/// and one entry in <c>tests</c> per learner method with its points. Code that does not compile is
/// <c>"gradable": false</c> with the compiler's errors as <c>format_errors</c>: no points, no attempt used.
/// PrairieLearn shows everything at once, so a failing hold-out is named but its message (which would show
/// the inputs drawn for the student) is not.
/// </summary>
public static class PrairieLearnResults
{
    /// <summary>results.json for <paramref name="grade"/>, whose tests are <paramref name="plan"/>'s.</summary>
    public static string Json(GradeReport grade, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(grade);
        if (!grade.Build.Succeeded)
        {
            return new JsonObject
            {
                ["gradable"] = false,
                ["message"] = "Your code does not compile, so no test ran.",
                ["format_errors"] = new JsonArray([.. grade.Build.Errors.Select(e => (JsonNode?)TextEscaping.Plain(e))]),
            }.ToJsonString(GradedTests.JsonOptions) + "\n";
        }

        double possible = grade.Checkpoints.Where(c => c.Required && !c.InstructorReads).Sum(c => c.MaxPoints);
        var tests = new JsonArray();
        foreach (GradedTests.MethodOutcome m in GradedTests.Methods(grade, plan).Where(m => !m.Checkpoint.InstructorReads))
        {
            var failing = m.Tests.Where(t => !t.Passed).Select(t => t.HoldOut ? $"{t.Test.Name}: a hold-out test (inputs drawn at grade time) fails." : $"{t.Test.Name}: {TextEscaping.Plain(t.Message)}").ToList();
            tests.Add(new JsonObject
            {
                ["name"] = $"{m.Checkpoint.Id}. {m.Method}",
                ["description"] = $"Checkpoint {m.Checkpoint.Id}, {m.Checkpoint.Title}{(m.Checkpoint.Required ? string.Empty : " (bonus, not in the score)")}",
                ["points"] = m.Points,
                ["max_points"] = m.MaxPoints,
                ["message"] = $"{m.Passed} of {m.Total} tests pass; a method earns its points only when every test of it passes.",
                ["output"] = string.Join('\n', failing),
            });
        }

        return new JsonObject
        {
            ["gradable"] = true,
            ["score"] = possible == 0 ? 0 : Math.Clamp(Math.Round(grade.Score / possible, 4), 0, 1),
            ["message"] = grade.Rules.Passed
                ? $"{GradeReport.Number(grade.Score)} of {GradeReport.Number(possible)} points; MNIST accuracy computed by the grader {GradeReport.Percent(grade.Mnist.Accuracy)}. Your essay (checkpoint 5) is read by your instructor."
                : "Your code breaks the kata's rules, so no test ran: " + string.Join(" ", grade.Rules.Problems.Select(TextEscaping.Plain)),
            ["output"] = string.Join('\n', grade.Flags.Select(f => $"{f.Kind}: {TextEscaping.Plain(f.Detail)}")),
            ["tests"] = tests,
        }.ToJsonString(GradedTests.JsonOptions) + "\n";
    }
}
