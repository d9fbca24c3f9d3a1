using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kata.Core;

/// <summary>The ordered list of checkpoints, read from curriculum.json at the repository root.</summary>
public sealed class Curriculum
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private Curriculum(IReadOnlyList<Checkpoint> checkpoints, MnistSettings mnist, MnistSettings? mnist10, AdditionSettings? addition)
    {
        Checkpoints = checkpoints;
        Mnist = mnist;
        Mnist10 = mnist10;
        Addition = addition;
    }

    /// <summary>The file name, at the repository root.</summary>
    public const string FileName = "curriculum.json";

    /// <summary>All checkpoints in the order a learner meets them.</summary>
    public IReadOnlyList<Checkpoint> Checkpoints { get; }

    /// <summary>Checkpoint 4's graded MNIST run: threshold, digits, architecture and training settings.</summary>
    public MnistSettings Mnist { get; }

    /// <summary>Checkpoint 9's graded run on all ten digits (with a validation set and early stopping), or null if none is described.</summary>
    public MnistSettings? Mnist10 { get; }

    /// <summary>Checkpoint 14's graded run (a tiny GPT completes held-out additions), or null if none is described.</summary>
    public AdditionSettings? Addition { get; }

    /// <summary>The first checkpoint (revealed on a fresh clone).</summary>
    public Checkpoint First => Checkpoints[0];

    /// <summary>Reads curriculum.json from <paramref name="root"/> (default: <see cref="KataPaths.Root"/>).</summary>
    public static Curriculum Load(string? root = null)
    {
        string path = Path.Combine(root ?? KataPaths.Root, FileName);
        CurriculumFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CurriculumFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({error.Message}). Fix the file or restore it with git.", error);
        }

        if (file?.Checkpoints is not { Count: > 0 } checkpoints)
        {
            throw new InvalidDataException($"{path} lists no checkpoints.");
        }

        // Ids only go up: a bonus checkpoint keeps its number even when the ones before it are not written yet.
        var ids = checkpoints.Select(c => c.Id).ToList();
        if (ids[0] < 1 || ids.Zip(ids.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            throw new InvalidDataException($"{path}: checkpoint ids must be positive and go up (got {string.Join(", ", ids)}).");
        }

        if (file.Mnist is not { } mnist)
        {
            throw new InvalidDataException($"{path} has no \"mnist\" settings (the graded training run of checkpoint 4).");
        }

        if (mnist.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidDataException($"{path}: the \"mnist\" settings are not usable: {string.Join("; ", problems)}.");
        }

        if (file.Mnist10?.Problems() is { Count: > 0 } problems10)
        {
            throw new InvalidDataException($"{path}: the \"mnist10\" settings are not usable: {string.Join("; ", problems10)}.");
        }

        if (file.Addition?.Problems() is { Count: > 0 } additionProblems)
        {
            throw new InvalidDataException($"{path}: the \"addition\" settings are not usable: {string.Join("; ", additionProblems)}.");
        }

        return new Curriculum(checkpoints, mnist, file.Mnist10, file.Addition);
    }

    /// <summary>The checkpoint with this id, or null.</summary>
    public Checkpoint? Find(int id) => Checkpoints.FirstOrDefault(c => c.Id == id);

    /// <summary>The checkpoint after <paramref name="id"/>, or null at the end.</summary>
    public Checkpoint? After(int id) => Checkpoints.FirstOrDefault(c => c.Id > id);

    private sealed class CurriculumFile
    {
        [JsonPropertyName("checkpoints")]
        public List<Checkpoint>? Checkpoints { get; set; }

        [JsonPropertyName("mnist")]
        public MnistSettings? Mnist { get; set; }

        [JsonPropertyName("mnist10")]
        public MnistSettings? Mnist10 { get; set; }

        [JsonPropertyName("addition")]
        public AdditionSettings? Addition { get; set; }
    }
}
