using System.CommandLine;
using Kata.Core;

namespace Kata.Train;

/// <summary>
/// The flags of the bonus checkpoints: all ten digits with a validation set and early stopping
/// (checkpoint 9), a convolutional network (checkpoint 10), the attention model (checkpoint 11) and the tiny GPT
/// (checkpoint 14; its own flags are in <see cref="GptOptions"/>), which train on sequences instead of MNIST. They choose the run's base settings, which the other flags
/// (epochs, learning rate, …) still override.
/// </summary>
internal sealed class BonusOptions
{
    private readonly Option<string?> _digits = new("--digits") { Description = "The digits to classify: 0-9 for all ten (checkpoint 9), a range such as 0-4, or a list such as 3,5,8 (default: curriculum.json's digits)." };
    private readonly Option<string?> _model = new("--model") { Description = "mlp (your dense network, the default), cnn (checkpoint 10: convolution, ReLU, max-pooling, then dense layers, on all ten digits), attention (checkpoint 11: your self-attention model learns to reverse sequences of digits; takes --epochs, --batch-size, --learning-rate, --seed and --optimizer, default adam) or gpt (checkpoint 14: your tiny GPT learns a text, or with --graded the graded addition task)." };
    private readonly Option<int?> _filters = new("--filters") { Description = $"With --model cnn: the number of {TrainingDefaults.ConvKernelSize}x{TrainingDefaults.ConvKernelSize} filters (default {TrainingDefaults.ConvFilters})." };
    private readonly Option<int?> _patience = new("--patience") { Description = "Early stopping: stop after this many epochs without a better validation accuracy (default 5 on all ten digits; 0 for none)." };
    private readonly Option<int?> _validation = new("--validation") { Description = "Keep the last N training images apart for validation (default 10,000 on all ten digits)." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _digits, _model, _filters, _patience, _validation })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The settings a run starts from: the reference (or with --graded the graded test's) for the chosen digits
    /// and model. Throws <see cref="FormatException"/> for a --digits or --model it cannot read.
    /// </summary>
    public MnistSettings BaseSettings(ParseResult parse, Curriculum curriculum, bool graded, MnistSettings reference)
    {
        double threshold10 = curriculum.Mnist10?.Threshold ?? curriculum.Mnist.Threshold;
        IReadOnlyList<int>? digits = parse.GetValue(_digits) is { } text ? ParseDigits(text) : null;
        if (IsConv(parse))
        {
            MnistSettings conv = MnistSettings.ConvReference(threshold10);
            return digits is null ? conv : conv with { Digits = digits };
        }

        if (digits is { Count: 10 })
        {
            return graded && curriculum.Mnist10 is { } mnist10 ? mnist10 : MnistSettings.TenDigitsReference(threshold10);
        }

        MnistSettings settings = graded ? curriculum.Mnist : reference;
        return digits is null ? settings : settings with { Digits = digits };
    }

    /// <summary>The validation and early-stopping flags, over whatever the base settings said.</summary>
    public MnistSettings Override(ParseResult parse, MnistSettings settings) => settings with
    {
        ValidationImages = parse.GetValue(_validation) ?? settings.ValidationImages,
        Patience = parse.GetValue(_patience) ?? settings.Patience,
    };

    /// <summary>
    /// Trains as the flags ask: a convolutional network, a dense one with early stopping, or checkpoint 4's plain
    /// run, with the --kernel given (null when it was not): the dense network's default is clear, the
    /// convolutional network's is checkpoint 12's FastTraining.TrainConv once it is written.
    /// </summary>
    public int Run(ParseResult parse, MnistSettings settings, TrainingPlan plan, string pngPath, string? kernelName, Curriculum curriculum)
    {
        bool conv = IsConv(parse);
        bool earlyStopping = settings.Patience > 0 || settings.ValidationImages > 0;
        if ((conv || earlyStopping) && (plan != TrainingPlan.Plain || settings.Activation is not ("ReLU" or "Sigmoid")))
        {
            throw new FormatException("--optimizer, --shuffle, --dropout and the activations of checkpoint 6 choose how checkpoint 4's dense network trains; the convolutional run and the early-stopping run train with their own checkpoint's code (ReLU or sigmoid, plain steps).");
        }

        if (conv)
        {
            int filters = parse.GetValue(_filters) ?? TrainingDefaults.ConvFilters;
            bool written = Kernel.FastTrainConvWritten();
            if (kernelName == "fast" && !written)
            {
                Console.Error.WriteLine("Not implemented yet. Checkpoint 12: implement FastTraining.TrainConv and PredictConv (dotnet test --filter Checkpoint=12), or train with checkpoint 10's own code: --kernel clear.");
                return 1;
            }

            bool fast = (kernelName ?? (written ? "fast" : "clear")) == "fast";
            return TrainingRun.Run(
                settings, plan, pngPath, ConvRun.Graded, (s, files, png) => ConvRun.Train(s, filters, TrainingDefaults.ConvKernelSize, files, png, fast, chosen: kernelName is not null));
        }

        Kernel kernel = Kernel.Named(kernelName ?? "clear");
        if (kernel.NotReady() is { } notReady)
        {
            Console.Error.WriteLine(notReady);
            return 1;
        }

        string graded = TrainingRun.GradedNote(settings.Digits, curriculum);
        return earlyStopping
            ? TrainingRun.Run(settings, plan, pngPath, graded, (s, files, png) => EarlyStoppingRun.Train(s, files, png, kernel, graded))
            : TrainingRun.Run(settings, plan, pngPath, graded, kernel: kernel);
    }

    // "0-9", "0-4", "3,5,8" or "3, 5, 8".
    private static int[] ParseDigits(string text)
    {
        static int Digit(string d) => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
        string[] range = text.Split('-', StringSplitOptions.TrimEntries);
        return range.Length == 2
            ? [.. Enumerable.Range(Digit(range[0]), Digit(range[1]) - Digit(range[0]) + 1)]
            : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Digit)];
    }

    /// <summary>True for --model attention (checkpoint 11), which trains on sequences, not on MNIST.</summary>
    public bool IsAttention(ParseResult parse) => parse.GetValue(_model)?.ToUpperInvariant() == "ATTENTION";

    /// <summary>True for --model gpt (checkpoint 14), which trains on text or on additions, not on MNIST.</summary>
    public bool IsGpt(ParseResult parse) => parse.GetValue(_model)?.ToUpperInvariant() == "GPT";

    /// <summary>The MNIST-only options of the bonus runs that the command line set.</summary>
    public IEnumerable<string> MnistOnlyGiven(ParseResult parse) =>
        new Option[] { _digits, _filters, _patience, _validation }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name);

    private bool IsConv(ParseResult parse) => parse.GetValue(_model)?.ToUpperInvariant() switch
    {
        null or "MLP" or "ATTENTION" or "GPT" => false,
        "CNN" => true,
        string other => throw new FormatException($"--model takes mlp, cnn, attention or gpt (got \"{other}\")."),
    };
}
