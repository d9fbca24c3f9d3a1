using Kata.Core;

namespace Kata.TestSupport;

/// <summary>
/// The few lines a learner reads at the end of every run: how each checkpoint did, what was just
/// unlocked and what is still hidden. Never "all done" while checkpoints remain hidden.
/// </summary>
internal static class RunReport
{
    /// <summary>
    /// Reveals the next checkpoint when the highest revealed one passed completely in this run (learner
    /// mode only), and returns the lines that say what happened.
    /// </summary>
    public static List<string> RevealAndDescribe(SortedDictionary<int, CheckpointTally> tally)
    {
        Curriculum curriculum = KataEnvironment.Curriculum;
        int unlocked = KataEnvironment.Unlocked;
        var lines = new List<string>();
        RecordForStatus(tally);

        foreach ((int id, CheckpointTally t) in tally)
        {
            if (t.Ran == 0)
            {
                continue;
            }

            string name = NameOf(curriculum, id) + (id > unlocked ? " (locked, run early)" : string.Empty);
            lines.Add(
                t.Complete ? $"{name}: all {t.Total} tests pass."
                : t.Ran < t.Total ? $"{name}: {t.Passed} of the {t.Ran} tests that ran pass ({t.Total - t.Ran} of {t.Total} were not run)."
                : $"{name}: {t.Passed} of {t.Total} tests pass. Stuck? Run ./kata hint {id}, or read {curriculum.Find(id)?.DocLink ?? "checkpoints.md"}.");
        }

        if (KataEnvironment.RevealsEverything)
        {
            lines.Add(KataEnvironment.IsGradeMode
                ? "Grade mode: every checkpoint and every hold-out test is revealed."
                : "Solutions track: every checkpoint is revealed.");
            return lines;
        }

        if (tally.TryGetValue(unlocked, out CheckpointTally? current) && current.Complete)
        {
            if (curriculum.After(unlocked) is { } next)
            {
                KataEnvironment.Progress.Unlock(next.Id);
                lines.Add($"{NameOf(curriculum, unlocked)} is complete. {next.Name} is now unlocked: read {next.DocLink}, then run dotnet test again to meet its tests.");
                unlocked = next.Id;
            }
            else if (FailingBefore(unlocked) is { Count: > 0 } failing)
            {
                // The last checkpoint ran alone (--filter Checkpoint=N): the others count by their last complete run.
                lines.Add(
                    $"{NameOf(curriculum, unlocked)} is complete, but the kata is not finished: "
                    + string.Join("; ", failing.Select(f => $"checkpoint {f.Id} passed {f.Result.Passed} of its {f.Result.Total} tests in its last complete run"))
                    + $". Run dotnet test --filter Checkpoint={failing[0].Id}.");
            }
            else
            {
                lines.Add("Every checkpoint of the kata passes. Well done!");
            }
        }

        int[] hidden = [.. curriculum.Checkpoints.Where(c => c.Id > unlocked).Select(c => c.Id)];
        if (hidden.Length > 0)
        {
            bool RanNow(int id) => tally.TryGetValue(id, out CheckpointTally? t) && t.Ran > 0;
            int tryNext = hidden.FirstOrDefault(id => !RanNow(id), hidden[0]);

            // A locked checkpoint run early (--filter Checkpoint=N) is still locked, and says so beside its number.
            lines.Add(
                $"Still hidden: checkpoint{(hidden.Length > 1 ? "s" : string.Empty)} {string.Join(", ", hidden.Select(id => RanNow(id) ? $"{id} (run early above)" : $"{id}"))}. "
                + $"Try one early with: dotnet test --filter Checkpoint={tryNext}");
        }

        return lines;
    }

    /// <summary>
    /// Keeps the counts of every checkpoint whose tests all ran, for <c>kata status</c> (.kata/results).
    /// Only for the learner's own runs: grading and the solutions track leave the learner's state alone.
    /// </summary>
    private static void RecordForStatus(SortedDictionary<int, CheckpointTally> tally)
    {
        if (KataEnvironment.RevealsEverything)
        {
            return;
        }

        try
        {
            new LastResults(KataEnvironment.Root).Record(
                tally.Where(t => t.Value.Total > 0 && t.Value.Ran == t.Value.Total).Select(t => (t.Key, t.Value.Passed, t.Value.Total)),
                DateTimeOffset.Now);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Only `kata status` reads it; a read-only copy of the kata still runs its tests.
        }
    }

    // The checkpoints before the last one whose last complete run (.kata/results, this run's included) failed.
    private static List<(int Id, CheckpointResult Result)> FailingBefore(int last) =>
        [.. new LastResults(KataEnvironment.Root).Read().Where(r => r.Key < last && !r.Value.Complete).OrderBy(r => r.Key).Select(r => (r.Key, r.Value))];

    private static string NameOf(Curriculum curriculum, int id) => curriculum.Find(id)?.Name ?? $"Checkpoint {id}";
}
