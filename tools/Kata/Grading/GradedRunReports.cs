using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kata.Cli.Grading;

/// <summary>
/// The one report a graded run sends out of the sandbox, read the same way for every graded run (MNIST and
/// checkpoint 14's additions): none, more than one, or one that is not readable as its kind is no report the
/// grader trusts.
/// </summary>
internal static class GradedRunReports
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        MaxDepth = 8,
    };

    /// <summary>
    /// The single report among <paramref name="copies"/> (null when its JSON is null), or null with
    /// <paramref name="problem"/> saying why none is trusted; <paramref name="stoppedBefore"/> ends the sentence
    /// "it stopped before it had …" for a run that sent nothing.
    /// </summary>
    public static T? Single<T>(IReadOnlyList<string>? copies, string stoppedBefore, out string? problem)
        where T : class
    {
        problem = null;
        if (copies is not { Count: > 0 })
        {
            problem = $"The graded run sent no report: it stopped before it had {stoppedBefore} (see the test's own message).";
            return null;
        }

        if (copies.Count > 1)
        {
            problem = $"The graded run's report arrived {copies.Count} times; a run reports once, so none of them is trusted.";
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(copies[0], ReadOptions);
        }
        catch (JsonException error)
        {
            problem = $"The graded run's report is not readable ({error.Message}).";
            return null;
        }
    }
}
