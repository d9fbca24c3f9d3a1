using System.CommandLine;
using Kata.Core;

namespace Kata.Train;

/// <summary>
/// The flags of <c>--model gpt</c> (checkpoint 14): the text, the model's sizes, the steps and the sampling
/// temperature; with <c>--graded</c>, the graded addition task of curriculum.json instead.
/// </summary>
internal sealed class GptOptions
{
    /// <summary>The text run's defaults (<see cref="TrainingDefaults"/>: a small model that writes something recognisable within a few minutes).</summary>
    public static readonly GptRun.TextSettings Defaults = new(
        Path.Combine(KataPaths.Root, TrainingDefaults.GptText),
        TrainingDefaults.GptContext,
        TrainingDefaults.GptWidth,
        TrainingDefaults.GptHeads,
        TrainingDefaults.GptLayers,
        TrainingDefaults.GptSteps,
        TrainingDefaults.GptBatchSize,
        TrainingDefaults.GptLearningRate,
        TrainingDefaults.GptTemperature,
        Seed: 1);

    private readonly Option<string?> _text = new("--text") { Description = $"With --model gpt: the UTF-8 text to learn (default the kata's own {TrainingDefaults.GptText})." };
    private readonly Option<int?> _steps = new("--steps") { Description = $"With --model gpt: training steps on the text (default {Defaults.Steps:N0})." };
    private readonly Option<int?> _context = new("--context") { Description = $"With --model gpt: the characters the model reads at once (default {Defaults.Context})." };
    private readonly Option<int?> _width = new("--width") { Description = $"With --model gpt: d, the width of every row (default {Defaults.Width}; with --graded, curriculum.json's)." };
    private readonly Option<int?> _heads = new("--heads") { Description = $"With --model gpt: attention heads per block (default {Defaults.Heads})." };
    private readonly Option<int?> _layers = new("--layers") { Description = $"With --model gpt: transformer blocks (default {Defaults.Layers})." };
    private readonly Option<double?> _temperature = new("--temperature") { Description = $"With --model gpt: the sampling temperature of the samples (default {Defaults.Temperature}; 0 is greedy)." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _text, _steps, _context, _width, _heads, _layers, _temperature })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The GPT-only flags the command line set (they mean nothing to the other models).</summary>
    public IEnumerable<string> Given(ParseResult parse) =>
        new Option[] { _text, _steps, _context, _width, _heads, _layers, _temperature }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name);

    /// <summary>The text run's settings: the defaults, overridden by the flags (and by the common ones given here).</summary>
    public GptRun.TextSettings Text(ParseResult parse, int? batchSize, double? learningRate, int? seed) => Defaults with
    {
        TextPath = parse.GetValue(_text) is { } text ? Path.GetFullPath(text) : Defaults.TextPath,
        Steps = parse.GetValue(_steps) ?? Defaults.Steps,
        Context = parse.GetValue(_context) ?? Defaults.Context,
        Width = parse.GetValue(_width) ?? Defaults.Width,
        Heads = parse.GetValue(_heads) ?? Defaults.Heads,
        Layers = parse.GetValue(_layers) ?? Defaults.Layers,
        Temperature = parse.GetValue(_temperature) ?? Defaults.Temperature,
        BatchSize = batchSize ?? Defaults.BatchSize,
        LearningRate = learningRate ?? Defaults.LearningRate,
        Seed = seed ?? Defaults.Seed,
    };

    /// <summary>The graded addition run's settings: curriculum.json's, overridden by the flags given.</summary>
    public AdditionSettings Graded(ParseResult parse, AdditionSettings graded, int? epochs, int? batchSize, double? learningRate, int? seed) => graded with
    {
        Width = parse.GetValue(_width) ?? graded.Width,
        Heads = parse.GetValue(_heads) ?? graded.Heads,
        Layers = parse.GetValue(_layers) ?? graded.Layers,
        Epochs = epochs ?? graded.Epochs,
        BatchSize = batchSize ?? graded.BatchSize,
        LearningRate = learningRate ?? graded.LearningRate,
        Seed = seed ?? graded.Seed,
    };

    /// <summary>What makes the text run's settings unusable, in words.</summary>
    public static IEnumerable<string> Problems(GptRun.TextSettings s)
    {
        if (!File.Exists(s.TextPath))
        {
            yield return $"there is no text at {s.TextPath}";
        }

        if (s.Context < 1 || s.Width < 1 || s.Heads < 1 || s.Layers < 1 || s.Steps < 1 || s.BatchSize < 1 || s.Width % s.Heads != 0)
        {
            yield return "--context, --width, --heads, --layers, --steps and --batch-size must be at least 1, and the width a multiple of the heads";
        }

        if (!(s.LearningRate > 0) || !(s.Temperature >= 0))
        {
            yield return "--learning-rate must be positive and --temperature 0 or more";
        }
    }
}
