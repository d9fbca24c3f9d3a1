using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kata.Cli.Grading;

/// <summary>One failing test, as a grade shows it: its name and the first line of its message.</summary>
public sealed record FailedTest(string Test, string Message);

/// <summary>How one checkpoint did.</summary>
public sealed record CheckpointGrade(
    int Id,
    string Title,
    bool Required,
    int Passed,
    int Total,
    double Points,
    int MaxPoints,
    string Status,
    IReadOnlyList<FailedTest> Failures);

/// <summary>The MNIST accuracy the graded test measured, and the threshold it had to beat.</summary>
public sealed record MnistGrade(double? Accuracy, double? Threshold);

/// <summary>The kata's rules (learner code BCL-only, …): a submission that breaks one does not pass.</summary>
public sealed record RulesGrade(int Passed, int Total, IReadOnlyList<FailedTest> Failures);

/// <summary>Whether the learner's code compiled, with the first errors when it did not.</summary>
public sealed record BuildGrade(bool Succeeded, IReadOnlyList<string> Errors);

/// <summary>
/// The grade of one submission: what grade.json holds. Everything in it is a pure function of the
/// submission and the pristine tests (no times, no paths), so grading the same code twice gives the
/// same bytes.
/// </summary>
public sealed record GradeReport(
    string Submission,
    double Score,
    int MaxScore,
    bool Passed,
    MnistGrade Mnist,
    IReadOnlyList<CheckpointGrade> Checkpoints,
    RulesGrade Rules,
    BuildGrade Build,
    IReadOnlyList<string> Tampered,
    IReadOnlyList<string> Ignored)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>grade.json.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>The grade as markdown, for $GITHUB_STEP_SUMMARY and grade.md.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Kata grade: {Number(Score)} / {MaxScore} — {(Passed ? "passed ✅" : "not passed ❌")}");
        md.AppendLine();
        md.AppendLine("| Checkpoint | Tests passed | Points | Status |");
        md.AppendLine("|---|---:|---:|---|");
        foreach (CheckpointGrade c in Checkpoints)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Id}. {c.Title}{(c.Required ? string.Empty : " (bonus)")} | {c.Passed} / {c.Total} | {Number(c.Points)} / {c.MaxPoints} | {c.Status} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- MNIST digits 0–4 test accuracy: **{Percent(Mnist.Accuracy)}** (threshold {Percent(Mnist.Threshold)})");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Rules of the kata: {Rules.Passed} / {Rules.Total} pass");
        if (!Build.Succeeded)
        {
            md.AppendLine("- **Your code does not compile**, so no test could run:");
            md.AppendLine("```");
            foreach (string error in Build.Errors)
            {
                md.AppendLine(error);
            }

            md.AppendLine("```");
        }

        if (Tampered.Count > 0)
        {
            md.AppendLine("- Changed test or configuration files (grading used the original ones):");
            foreach (string file in Tampered)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - `{file}`");
            }
        }

        var failures = Checkpoints.SelectMany(c => c.Failures.Select(f => (c.Id, f))).Concat(Rules.Failures.Select(f => (Id: 0, f))).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("<details><summary>Failing tests</summary>");
            md.AppendLine();
            foreach ((int id, FailedTest f) in failures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {(id == 0 ? "rules" : $"checkpoint {id}")}: `{f.Test}` — {f.Message}");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }

        return md.ToString();
    }

    /// <summary>A number as grade.md shows it: up to two decimals, invariant culture.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage, or "n/a".</summary>
    public static string Percent(double? fraction) =>
        fraction is double f ? (f * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "n/a";
}
