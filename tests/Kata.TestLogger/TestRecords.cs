using Kata.Core;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace Kata.TestLogger;

/// <summary>Turns a VSTest result into the record the JSON file holds (Kata.Core.TestRecord).</summary>
internal static class TestRecords
{
    public static TestRecord From(TestResult result) => TestRecord.From(
        result.TestCase.DisplayName,
        result.TestCase.FullyQualifiedName,
        result.Outcome.ToString(),
        [.. result.TestCase.Traits.Select(t => KeyValuePair.Create(t.Name, t.Value))],
        result.ErrorMessage,
        result.ErrorStackTrace,
        result.Duration);
}
