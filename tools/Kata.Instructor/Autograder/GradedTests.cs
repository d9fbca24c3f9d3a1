using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kata.Instructor.Autograder;

/// <summary>
/// A grade told test by test and method by method, as a platform's autograder results list them: every
/// test of the plan with its outcome, and every learner method with its points (a method earns its share
/// of the checkpoint's points only when all its tests pass, as grade.json counts it).
/// </summary>
public static class GradedTests
{
    /// <summary>How both platforms' results.json are written: indented, non-ASCII text as it is.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One test of the plan in a grade.</summary>
    public sealed record TestOutcome(CheckpointGrade Checkpoint, PlannedTest Test, bool Passed, string Message)
    {
        /// <summary>A hold-out: its inputs are drawn at grade time, and platforms show it only after the due date.</summary>
        public bool HoldOut => Test.Kind == "HoldOut";
    }

    /// <summary>One learner method in a grade: its points, out of its share of the checkpoint.</summary>
    public sealed record MethodOutcome(CheckpointGrade Checkpoint, string Method, int Passed, int Total, double Points, double MaxPoints, bool HasHoldOut, IReadOnlyList<TestOutcome> Tests);

    /// <summary>
    /// Every test of <paramref name="plan"/> in <paramref name="grade"/>, by checkpoint and name. A checkpoint
    /// that did not run (the build failed, the rules were broken, another checkpoint was chosen) fails
    /// every test, with its status as the message.
    /// </summary>
    public static IReadOnlyList<TestOutcome> Tests(GradeReport grade, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(grade);
        ArgumentNullException.ThrowIfNull(plan);
        var outcomes = new List<TestOutcome>();
        foreach (CheckpointGrade c in grade.Checkpoints)
        {
            bool ran = c.Total > 0 && c.Passed + c.Failures.Count == c.Total;
            var failures = c.Failures.GroupBy(f => f.Test, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
            foreach (PlannedTest test in plan.Tests.Where(t => t.Checkpoint == c.Id && t.Kind != "Rules").OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                outcomes.Add(!ran
                    ? new TestOutcome(c, test, false, $"Not run: {c.Status}.")
                    : failures.TryGetValue(test.Name, out string? message) ? new TestOutcome(c, test, false, message) : new TestOutcome(c, test, true, string.Empty));
            }
        }

        return outcomes;
    }

    /// <summary>Every learner method, checkpoint by checkpoint, with its points (as the grader's Score weighs them).</summary>
    public static IReadOnlyList<MethodOutcome> Methods(GradeReport grade, Plan plan)
    {
        IReadOnlyList<TestOutcome> tests = Tests(grade, plan);
        var methods = new List<MethodOutcome>();
        foreach (CheckpointGrade c in grade.Checkpoints)
        {
            var byMethod = tests.Where(t => t.Checkpoint.Id == c.Id)
                .SelectMany(t => (t.Test.Grades.Count > 0 ? t.Test.Grades : ["(ungraded)"]).Select(m => (Method: m, Test: t)))
                .GroupBy(p => p.Method, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            int weights = byMethod.Sum(g => g.Count());
            foreach (var method in byMethod)
            {
                double max = weights == 0 ? 0 : Math.Round(c.MaxPoints * (double)method.Count() / weights, 2, MidpointRounding.AwayFromZero);
                MethodGrade? graded = c.Methods.FirstOrDefault(m => m.Method == method.Key);
                methods.Add(new MethodOutcome(
                    c, method.Key, method.Count(p => p.Test.Passed), method.Count(), graded?.Points ?? 0, max, method.Any(p => p.Test.HoldOut), [.. method.Select(p => p.Test)]));
            }
        }

        return methods;
    }
}
