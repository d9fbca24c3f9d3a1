namespace Kata.Core;

/// <summary>One checkpoint of the kata, as curriculum.json describes it.</summary>
/// <param name="Id">The checkpoint number: the value of the test's Checkpoint property.</param>
/// <param name="Slug">The anchor of its section in checkpoints.md, e.g. "1-linear-algebra".</param>
/// <param name="Title">A short title, e.g. "Linear algebra".</param>
/// <param name="Project">The project folder under exercises/ and solutions/.</param>
/// <param name="Goal">One sentence: what the learner builds.</param>
/// <param name="Required">True for the core curriculum; false for a bonus checkpoint.</param>
/// <param name="Points">Points the grader gives for passing every test of this checkpoint.</param>
/// <param name="Hints">Staged hints, gentlest first; never the answer.</param>
/// <param name="InstructorReads">
/// True when the tests can check only the form of the work (the reflection essay): its points are shown
/// as waiting for the instructor's reading, never as certain.
/// </param>
public sealed record Checkpoint(
    int Id,
    string Slug,
    string Title,
    string Project,
    string Goal,
    bool Required,
    int Points,
    IReadOnlyList<string> Hints,
    bool InstructorReads = false)
{
    /// <summary>"Checkpoint 2 · Optimization".</summary>
    public string Name => $"Checkpoint {Id} · {Title}";

    /// <summary>Where to read about it: "checkpoints.md#2-optimization".</summary>
    public string DocLink => $"checkpoints.md#{Slug}";
}
