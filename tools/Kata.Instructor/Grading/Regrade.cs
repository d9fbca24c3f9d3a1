using System.Globalization;
using System.Text;

namespace Kata.Instructor.Grading;

/// <summary>
/// Regrading a class into a folder that already holds its grades: each submission's earlier grade.json and
/// grade.md move to <c>NAME/previous/</c> before the new ones are written, and the class report and the run's
/// summary list whose grade changed, by how much and which tests differ. (One step of history: the grade
/// before the last regrade.)
/// </summary>
public static class Regrade
{
    /// <summary>The folder of a submission's grade that holds its grade before the last regrade.</summary>
    public const string PreviousFolder = "previous";

    /// <summary>Moves the grade in <paramref name="folder"/> (if any) to previous/, in place of an older one.</summary>
    public static void KeepPrevious(string folder)
    {
        string previous = Path.Combine(folder, PreviousFolder);
        string json = Path.Combine(folder, "grade.json");
        if (!File.Exists(json))
        {
            return; // a first grade, or one that failed: the previous grade (if any) stays the last one there was
        }

        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        Directory.CreateDirectory(previous);
        File.Move(json, Path.Combine(previous, "grade.json"));
        if (File.Exists(Path.Combine(folder, "grade.md")))
        {
            File.Move(Path.Combine(folder, "grade.md"), Path.Combine(previous, "grade.md"));
        }
    }

    /// <summary>
    /// The submissions among <paramref name="graded"/> (name, grade, its folder) whose grade differs from the
    /// one in their previous/; null when none of them has a previous grade (this was no regrade).
    /// </summary>
    public static RegradeReport? Changes(IEnumerable<(string Name, GradeReport Grade, string Folder)> graded)
    {
        ArgumentNullException.ThrowIfNull(graded);
        var changes = new List<RegradeChange>();
        int compared = 0;
        foreach ((string name, GradeReport after, string folder) in graded)
        {
            string path = Path.Combine(folder, PreviousFolder, "grade.json");
            if (!File.Exists(path))
            {
                continue;
            }

            compared++;
            GradeReport? before;
            try
            {
                before = GradeReport.FromJson(File.ReadAllText(path));
            }
            catch (System.Text.Json.JsonException)
            {
                before = null;
            }

            if (before?.Checkpoints is null)
            {
                continue;
            }

            RegradeChange change = Compare(name, before, after);
            if (change.Delta != 0 || before.Passed != after.Passed || before.PointsToConfirm != after.PointsToConfirm
                || change.NowFailing.Count > 0 || change.NowPassing.Count > 0 || change.Notes.Count > 0)
            {
                changes.Add(change);
            }
        }

        return compared == 0 ? null : new RegradeReport(compared, changes);
    }

    /// <summary>The tests that differ between two grades of one submission.</summary>
    public static RegradeChange Compare(string name, GradeReport before, GradeReport after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var nowFailing = new List<string>();
        var nowPassing = new List<string>();
        var notes = new List<string>();
        foreach (CheckpointGrade now in after.Checkpoints)
        {
            CheckpointGrade? then = before.Checkpoints.FirstOrDefault(c => c.Id == now.Id);
            if (then is null)
            {
                continue;
            }

            if (Ran(then) != Ran(now))
            {
                notes.Add(Ran(now) ? $"checkpoint {now.Id} graded now ({then.Status} before)" : $"checkpoint {now.Id} not graded now ({now.Status})");
                continue;
            }

            var failedThen = then.Failures.Select(f => f.Test).ToHashSet(StringComparer.Ordinal);
            var failsNow = now.Failures.Select(f => f.Test).ToHashSet(StringComparer.Ordinal);
            nowFailing.AddRange(failsNow.Except(failedThen).Order(StringComparer.Ordinal).Select(t => $"checkpoint {now.Id}: {t}"));
            nowPassing.AddRange(failedThen.Except(failsNow).Order(StringComparer.Ordinal).Select(t => $"checkpoint {now.Id}: {t}"));
            if (then.Total != now.Total)
            {
                notes.Add($"checkpoint {now.Id} has {now.Total} tests now, {then.Total} before");
            }
        }

        return new RegradeChange(name, before, after, nowFailing, nowPassing, notes);
    }

    /// <summary>One line per changed submission, for the terminal and the job summary (markdown-escaped when <paramref name="markdown"/>).</summary>
    internal static string Text(IReadOnlyList<RegradeChange> changes, int compared, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(changes);
        string Escape(string s) => markdown ? TextEscaping.Markdown(s) : TextEscaping.Plain(s);
        var text = new StringBuilder();
        text.AppendLine(changes.Count == 0
            ? $"Regrade: no grade changed ({compared} compared with their previous grade)."
            : $"Regrade: {changes.Count} of {compared} grades changed:");
        foreach (RegradeChange c in changes)
        {
            text.Append(markdown ? "- " : "  ").Append(Escape(c.Submission)).Append(": ").Append(Summary(c));
            if (c.NowFailing.Count > 0)
            {
                text.Append("; now failing: ").Append(string.Join(", ", c.NowFailing.Select(Escape)));
            }

            if (c.NowPassing.Count > 0)
            {
                text.Append("; now passing: ").Append(string.Join(", ", c.NowPassing.Select(Escape)));
            }

            if (c.Notes.Count > 0)
            {
                text.Append("; ").Append(string.Join("; ", c.Notes.Select(Escape)));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>"90 → 85 (−5), passed → not passed".</summary>
    public static string Summary(RegradeChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        string delta = change.Delta == 0 ? "±0" : change.Delta > 0 ? "+" + GradeReport.Number(change.Delta) : "−" + GradeReport.Number(-change.Delta);
        string points = string.Create(CultureInfo.InvariantCulture, $"{GradeReport.Number(change.Before.Score + change.Before.BonusScore)} → {GradeReport.Number(change.After.Score + change.After.BonusScore)} ({delta})");
        return change.Before.Passed == change.After.Passed ? points : points + (change.After.Passed ? ", now passes" : ", no longer passes");
    }

    // Whether a checkpoint's tests ran in a grade (each one passed or is listed as failing).
    private static bool Ran(CheckpointGrade c) => c.Total > 0 && c.Passed + c.Failures.Count == c.Total;
}
