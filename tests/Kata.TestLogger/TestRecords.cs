using Kata.Core;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace Kata.TestLogger;

/// <summary>Turns a VSTest result into the record the JSON file holds (Kata.Core.TestRecord).</summary>
internal static class TestRecords
{
    public static TestRecord From(TestResult result)
    {
        string? trait = result.TestCase.Traits.FirstOrDefault(t => t.Name == "Checkpoint")?.Value;
        int? checkpoint = int.TryParse(trait, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;
        return new TestRecord(
            result.TestCase.DisplayName,
            result.TestCase.FullyQualifiedName,
            result.Outcome.ToString(),
            checkpoint,
            result.TestCase.Traits.FirstOrDefault(t => t.Name == "Kind")?.Value,
            result.ErrorMessage,
            Math.Round(result.Duration.TotalSeconds, 3),
            result.Outcome == TestOutcome.Failed ? Blame.Describe(result.ErrorStackTrace, result.ErrorMessage, checkpoint) : null,
            [.. result.TestCase.Traits.Where(t => t.Name == "Grades").Select(t => t.Value).Distinct().Order(StringComparer.Ordinal)],
            result.TestCase.Traits.FirstOrDefault(t => t.Name == "GradedRun")?.Value);
    }
}
