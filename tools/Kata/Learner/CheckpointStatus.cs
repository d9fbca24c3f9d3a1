namespace Kata.Cli.Learner;

/// <summary>One row of <c>kata status</c>.</summary>
/// <param name="Checkpoint">The checkpoint, from curriculum.json.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Last">Its last complete test run, if any.</param>
/// <param name="EditedSince">True when a file of its exercise folder changed after that run.</param>
/// <param name="Folder">exercises/&lt;project&gt;, relative to the root, with a trailing slash.</param>
/// <param name="HasFolder">False when this copy of the kata has no exercise folder for it (yet).</param>
public sealed record CheckpointStatus(
    Checkpoint Checkpoint,
    StepState State,
    CheckpointResult? Last,
    bool EditedSince,
    string Folder,
    bool HasFolder);
