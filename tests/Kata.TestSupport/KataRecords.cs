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
        Send(report.Name, report);
    }

    /// <summary>Reports checkpoint 14's graded run under its name.</summary>
    public static void Send(AdditionRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Send(report.Name, report);
    }

    private static void Send<T>(string name, T report) =>
        TestContext.Progress.WriteLine(GradedRunReport.Prefix + name + " " + JsonSerializer.Serialize(report, Options));
}
