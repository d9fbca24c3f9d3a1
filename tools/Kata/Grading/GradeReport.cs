using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kata.Cli.Grading;

/// <summary>
/// The grade of one submission: what grade.json holds. Everything in it is a pure function of the
/// submission and the pristine tests (no times, no paths), so grading the same code twice gives the
/// same bytes. <see cref="Score"/> counts only what the tests establish; the points of checkpoints whose
/// content the instructor reads (the reflection) are in <see cref="PointsToConfirm"/> until then.
/// </summary>
public sealed record GradeReport(
    string Submission,
    double Score,
    int MaxScore,
    double PointsToConfirm,
    IReadOnlyList<int> NeedsReading,
    double BonusScore,
    int MaxBonusScore,
    bool Passed,
    string Sandbox,
    MnistGrade Mnist,
    IReadOnlyList<CheckpointGrade> Checkpoints,
    RulesGrade Rules,
    BuildGrade Build,
    IReadOnlyList<string> Tampered,
    IReadOnlyList<string> Ignored,
    IReadOnlyList<GradeFlag> Flags)
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

    /// <summary>Reads a grade.json back.</summary>
    public static GradeReport? FromJson(string json) => JsonSerializer.Deserialize<GradeReport>(json, JsonOptions);

    /// <summary>"90 / 100 + 10 to confirm" as grades show the score.</summary>
    public string ScoreText() =>
        $"{Number(Score)} / {MaxScore}{(NeedsReading.Count > 0 ? $" + {Number(PointsToConfirm)} to confirm" : string.Empty)}";

    /// <summary>
    /// The grade as markdown, for $GITHUB_STEP_SUMMARY and grade.md. Every text that comes from the
    /// submission (test messages, file names) is escaped, so it shows as text and never as markup.
    /// </summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Kata grade: {ScoreText()} — {(Passed ? "passed ✅" : "not passed ❌")}");
        md.AppendLine();
        if (NeedsReading.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Checkpoint {string.Join(", ", NeedsReading)} needs the instructor's reading: its tests check only the form of the text, so its points are shown as *to confirm*.");
            md.AppendLine();
        }

        md.AppendLine("| Checkpoint | Tests passed | Points | Status |");
        md.AppendLine("|---|---:|---:|---|");
        foreach (CheckpointGrade c in Checkpoints)
        {
            string kind = !c.Required ? " (bonus)" : c.InstructorReads ? " (needs the instructor's reading)" : string.Empty;
            string points = $"{Number(c.Points)} / {c.MaxPoints}{(c.InstructorReads ? " to confirm" : string.Empty)}";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Id}. {TextEscaping.Markdown(c.Title)}{kind} | {c.Passed} / {c.Total} | {points} | {TextEscaping.Markdown(c.Status)} |");
        }

        md.AppendLine();
        if (MaxBonusScore > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- Bonus checkpoints: **{Number(BonusScore)} / {MaxBonusScore}** (never needed for a pass)");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- MNIST test accuracy, computed by the grader: **{Percent(Mnist.Accuracy)}** (threshold {Percent(Mnist.Threshold)})");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Rules of the kata (checked before any of your code ran): {(Rules.Passed ? "all hold" : "broken")}");
        foreach (string problem in Rules.Problems)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"  - {TextEscaping.Markdown(problem)}");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"- Sandbox: {TextEscaping.Markdown(Sandbox)}");
        if (!Build.Succeeded)
        {
            md.AppendLine("- **Your code does not compile**, so no test could run:");
            foreach (string error in Build.Errors)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {TextEscaping.Markdown(error)}");
            }
        }

        if (Tampered.Count > 0)
        {
            md.AppendLine("- Changed test or configuration files (grading used the original ones):");
            foreach (string file in Tampered)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"  - {TextEscaping.Markdown(file)}");
            }
        }

        foreach (GradeFlag flag in Flags.Where(f => f.Kind != "tampered"))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {TextEscaping.Markdown(flag.Kind)}: {TextEscaping.Markdown(flag.Detail)}");
        }

        var unfinished = Checkpoints.SelectMany(c => c.Methods.Where(m => !m.Complete).Select(m => (c.Id, m))).ToList();
        if (unfinished.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("<details><summary>Methods without points (a method earns its points when every test of it passes)</summary>");
            md.AppendLine();
            foreach ((int id, MethodGrade m) in unfinished)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- checkpoint {id}: {TextEscaping.Markdown(m.Method)} — {m.Passed} of {m.Total} tests pass");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }

        var failures = Checkpoints.SelectMany(c => c.Failures.Select(f => (c.Id, f))).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("<details><summary>Failing tests</summary>");
            md.AppendLine();
            foreach ((int id, FailedTest f) in failures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- checkpoint {id}: {TextEscaping.Markdown(f.Test)} — {TextEscaping.Markdown(f.Message)}");
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
