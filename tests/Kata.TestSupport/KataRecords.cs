using System.Text.Json;
using System.Text.Json.Serialization;
using Kata.Core;

namespace Kata.TestSupport;

/// <summary>Sends a graded run's report to the grader, through the kata logger (one line, compact JSON).</summary>
public static class KataRecords
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The options the grader reads reports with, too.</summary>
    public static JsonSerializerOptions JsonOptions => Options;

    /// <summary>Reports <paramref name="report"/> under its name.</summary>
    public static void Send(GradedRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        TestContext.Progress.WriteLine(GradedRunReport.Prefix + report.Name + " " + JsonSerializer.Serialize(report, Options));
    }
}
