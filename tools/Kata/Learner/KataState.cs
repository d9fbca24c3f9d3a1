using Kata.Cli.Infrastructure;

namespace Kata.Cli.Learner;

/// <summary>
/// The learner's position, read fresh from the three sources every command shares: curriculum.json
/// (what there is), .kata/progress (what is revealed, written by the tests) and .kata/results (how
/// each checkpoint's last complete run went, written by the tests).
/// </summary>
public sealed class KataState
{
    private KataState(string root, Curriculum curriculum, int unlocked, IReadOnlyList<CheckpointStatus> checkpoints)
    {
        Root = root;
        Curriculum = curriculum;
        Unlocked = unlocked;
        Checkpoints = checkpoints;
    }

    /// <summary>The kata's root folder.</summary>
    public string Root { get; }

    /// <summary>The curriculum.</summary>
    public Curriculum Curriculum { get; }

    /// <summary>The highest revealed checkpoint.</summary>
    public int Unlocked { get; }

    /// <summary>Every checkpoint, in order.</summary>
    public IReadOnlyList<CheckpointStatus> Checkpoints { get; }

    /// <summary>The checkpoint the learner works on: the highest revealed one.</summary>
    public CheckpointStatus Current => Checkpoints.First(c => c.Checkpoint.Id == Unlocked);

    /// <summary>True when every checkpoint is done.</summary>
    public bool AllDone => Checkpoints.All(c => c.State == StepState.Done);

    /// <summary>Reads the state of the kata at <paramref name="root"/> (default: the kata this tool runs in).</summary>
    public static KataState Load(string? root = null)
    {
        root ??= KataPaths.Root;
        Curriculum curriculum = Curriculum.Load(root);
        int unlocked = Math.Min(new Progress(root).Unlocked(curriculum.First.Id), curriculum.Checkpoints[^1].Id);
        IReadOnlyDictionary<int, CheckpointResult> results = new LastResults(root).Read();

        var rows = new List<CheckpointStatus>();
        foreach (Checkpoint checkpoint in curriculum.Checkpoints)
        {
            string folder = Path.Combine(root, "exercises", checkpoint.Project);
            CheckpointResult? last = results.GetValueOrDefault(checkpoint.Id);
            StepState state = checkpoint.Id > unlocked ? StepState.Locked
                : last is { Complete: true } ? StepState.Done
                : checkpoint.Id < unlocked ? (last is null ? StepState.Done : StepState.FailingAgain)
                : StepState.InProgress;
            rows.Add(new CheckpointStatus(
                checkpoint,
                state,
                last,
                last is not null && LastEdit(folder) > last.At,
                $"exercises/{checkpoint.Project}/",
                Directory.Exists(folder)));
        }

        return new KataState(root, curriculum, unlocked, rows);
    }

    /// <summary>The checkpoint with id <paramref name="id"/>, or the current one when null.</summary>
    /// <exception cref="KataException">There is no such checkpoint.</exception>
    public CheckpointStatus Resolve(int? id)
    {
        if (id is null)
        {
            return Current;
        }

        return Checkpoints.FirstOrDefault(c => c.Checkpoint.Id == id)
            ?? throw new KataException(
                $"There is no checkpoint {id}: the checkpoints are {Curriculum.First.Id} to {Curriculum.Checkpoints[^1].Id}. `./kata status` lists them.",
                ExitCodes.Usage);
    }

    /// <summary>One sentence: what the learner should do now.</summary>
    public string NextStep()
    {
        if (AllDone)
        {
            return "Every checkpoint passes. Well done! Run `./kata grade` to see what CI will say.";
        }

        if (Checkpoints.FirstOrDefault(c => c.State == StepState.FailingAgain) is { } broken)
        {
            return $"Checkpoint {broken.Checkpoint.Id} passed before but {broken.Last!.Passed} of its {broken.Last.Total} tests pass now: "
                + $"mend it first with `./kata watch {broken.Checkpoint.Id}` (something you changed since broke it).";
        }

        CheckpointStatus current = Current;
        int id = current.Checkpoint.Id;
        if (current.State == StepState.Done && Curriculum.After(id) is { } next)
        {
            return $"Checkpoint {id} passes: run `./kata next` to reveal checkpoint {next.Id} · {next.Title}.";
        }

        if (!current.HasFolder)
        {
            return $"Checkpoint {id} is revealed but this copy of the kata has no {current.Folder} yet: update your copy (git pull) and run `./kata status` again.";
        }

        return current.Last is null || current.Last.Passed == 0
            ? $"Next: checkpoint {id} · {current.Checkpoint.Title}. Read {current.Checkpoint.DocLink}, run `./kata watch` and write your code in {current.Folder}. Stuck? `./kata hint {id}`."
            : $"Next: make the rest of checkpoint {id} pass ({current.Last.Total - current.Last.Passed} of {current.Last.Total} tests to go). Run `./kata watch` and edit {current.Folder}. Stuck? `./kata hint {id}`.";
    }

    /// <summary>The time of the newest file in <paramref name="folder"/> (build output excluded), or MinValue.</summary>
    internal static DateTimeOffset LastEdit(string folder) =>
        Directory.Exists(folder)
            ? SourceFiles(folder).Select(f => new DateTimeOffset(File.GetLastWriteTimeUtc(f))).DefaultIfEmpty(DateTimeOffset.MinValue).Max()
            : DateTimeOffset.MinValue;

    /// <summary>The learner's files under <paramref name="folder"/>: everything but bin/ and obj/.</summary>
    internal static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(folder, f)));

    private static bool IsBuildOutput(string relative)
    {
        string path = relative.Replace('\\', '/');
        return path.StartsWith("bin/", StringComparison.Ordinal) || path.StartsWith("obj/", StringComparison.Ordinal)
            || path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal);
    }
}
