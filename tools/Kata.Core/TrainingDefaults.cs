using System.Globalization;

namespace Kata.Core;

/// <summary>
/// The defaults of <c>./kata train</c>'s five runs — the dense network on curriculum.json's digits, all
/// ten digits (checkpoint 9), the convolutional network (checkpoint 10), the attention model
/// (checkpoint 11) and the tiny GPT on a text (checkpoint 14) — said once for the help of the kata CLI and of the training program itself, which
/// uses the same numbers. Any flag overrides them.
/// </summary>
public static class TrainingDefaults
{
    /// <summary>The convolutional run's filters (<c>--filters</c>) and their size (k x k).</summary>
    public const int ConvFilters = 16, ConvKernelSize = 5;

    /// <summary>The attention run: the graded test's training, 2 epochs of batches of 16 (tests/…/Checkpoint11.Attention/SequenceTrainingTests.cs).</summary>
    public const int AttentionEpochs = 2, AttentionBatchSize = 16;

    /// <summary>The attention run's optimizer when --optimizer is not given.</summary>
    public const string AttentionOptimizer = "adam";

    /// <summary>The tiny GPT's text run (checkpoint 14): the kata's own checkpoints.md, read at the repository root.</summary>
    public const string GptText = "checkpoints.md";

    /// <summary>The text run's model and training: a small model that writes something recognisable within a few minutes.</summary>
    public const int GptContext = 32, GptWidth = 32, GptHeads = 4, GptLayers = 2, GptSteps = 2000, GptBatchSize = 16;

    /// <summary>The text run's Adam learning rate and the temperature of its samples (0 is greedy).</summary>
    public const double GptLearningRate = 0.003, GptTemperature = 0.8;

    /// <summary>The help of --kernel: the dense network trains with the clear code unless told, the convolutional one with checkpoint 12's once it is written.</summary>
    public const string Kernel =
        "How the network trains: clear (the checkpoint's own code on checkpoint 1's MatMul; the default of the dense network) or fast (checkpoint 12: FastTraining.Train and FastTraining.TrainConv once written, else your network on checkpoint 12's MatMul; the default of --model cnn once FastTraining.TrainConv is written).";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The attention run's learning rate when --learning-rate is not given: what trains its model in two epochs (Adam's is the graded test's).</summary>
    public static double AttentionLearningRate(string optimizer) => optimizer switch
    {
        "momentum" => 0.05,
        "sgd" => 0.5,
        _ => 0.02,
    };

    /// <summary>
    /// The learning rate of each optimizer on MNIST when --learning-rate is not given: the run's own
    /// (<paramref name="plain"/>, 0.1) for plain descent; momentum's velocity grows to 1/(1 − β) = 10
    /// gradients, so a tenth of that; Adam's usual 0.001 (each weight moves about that far per step). See
    /// checkpoints.md#7-optimizers.
    /// </summary>
    public static double MnistLearningRate(string optimizer, double plain) => optimizer switch
    {
        "momentum" => plain / 10,
        "adam" => 0.001,
        _ => plain,
    };

    /// <summary>
    /// One line per run, flags first: what it trains and with which settings, e.g.
    /// "./kata train                      784-32-5 ReLU on digits 0–4, 2 epochs, …".
    /// </summary>
    public static IReadOnlyList<string> Runs(IReadOnlyList<int> digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        MnistSettings mlp = MnistSettings.Reference(digits, 0.5), ten = MnistSettings.TenDigitsReference(0.5), conv = MnistSettings.ConvReference(0.5);
        int pooled = (28 - ConvKernelSize + 1) / 2;
        return
        [
            $"./kata train                    {Layers(mlp)} on digits {Digits(digits)}, {Training(mlp)}, every training image.",
            $"./kata train --digits 0-9       {Layers(ten)}, {Training(ten)}; early stopping after {ten.Patience} epochs without a better accuracy on "
                + string.Create(Invariant, $"{ten.ValidationImages:N0} validation images; the best network is saved."),
            $"./kata train --model cnn        {ConvFilters} filters of {ConvKernelSize}x{ConvKernelSize}, ReLU, 2x2 max-pooling, then "
                + string.Create(Invariant, $"{pooled * pooled * ConvFilters}-{string.Join('-', conv.HiddenLayers)}-10 {conv.Activation} on all ten digits, {Training(conv)}; ")
                + string.Create(Invariant, $"validation accuracy on {conv.ValidationImages:N0} images after each epoch."),
            $"./kata train --model attention  reversing sequences of digits, {Count(AttentionEpochs, "epoch")}, batches of {AttentionBatchSize}, "
                + string.Create(Invariant, $"{AttentionOptimizer} with learning rate {AttentionLearningRate(AttentionOptimizer)} (momentum {AttentionLearningRate("momentum")}, sgd {AttentionLearningRate("sgd")})."),
            $"./kata train --model gpt        a tiny GPT on {GptText}: context {GptContext}, d = {GptWidth}, {GptHeads} heads, {Count(GptLayers, "layer")}, "
                + string.Create(Invariant, $"{GptSteps:N0} steps of batches of {GptBatchSize}, adam with learning rate {GptLearningRate}; samples at temperature {GptTemperature} (--graded: curriculum.json's additions)."),
        ];
    }

    /// <summary>The help of --epochs: each run's default.</summary>
    public static string Epochs =>
        $"Passes over the training images (default {Reference.Epochs}; --digits 0-9: at most {Ten.Epochs}; --model cnn: {Conv.Epochs}; --model attention: {AttentionEpochs}; --model gpt --graded: curriculum.json's).";

    /// <summary>The help of --batch-size: each run's default.</summary>
    public static string BatchSize =>
        $"Samples per gradient step (default {Reference.BatchSize}; --digits 0-9: {Ten.BatchSize}; --model cnn: {Conv.BatchSize}; --model attention: {AttentionBatchSize}; --model gpt: {GptBatchSize}).";

    /// <summary>The help of --learning-rate: each run's default.</summary>
    public static string LearningRate => string.Create(
        Invariant,
        $"Gradient-descent step size (default {Reference.LearningRate} on MNIST, or {MnistLearningRate("momentum", Reference.LearningRate)} with --optimizer momentum "
        + $"and {MnistLearningRate("adam", Reference.LearningRate)} with adam; "
        + $"--model attention: {AttentionLearningRate(AttentionOptimizer)} with adam, {AttentionLearningRate("momentum")} with momentum, {AttentionLearningRate("sgd")} with sgd; --model gpt: {GptLearningRate} with adam).");

    /// <summary>The help of --hidden: each run's default.</summary>
    public static string Hidden =>
        $"Hidden layer sizes, comma-separated, e.g. 64 or 128,32; 0 for none (default {string.Join(',', Reference.HiddenLayers)}; --digits 0-9: {string.Join(',', Ten.HiddenLayers)}; "
        + $"--model cnn: {string.Join(',', Conv.HiddenLayers)}, the dense layers after the pooling).";

    private static MnistSettings Reference => MnistSettings.Reference([0, 1], 0.5);

    private static MnistSettings Ten => MnistSettings.TenDigitsReference(0.5);

    private static MnistSettings Conv => MnistSettings.ConvReference(0.5);

    private static string Layers(MnistSettings s) => $"{string.Join('-', s.LayerSizes)} {s.Activation}";

    private static string Training(MnistSettings s) => string.Create(
        Invariant,
        $"{(s.Patience > 0 ? "at most " : string.Empty)}{Count(s.Epochs, "epoch")}, batches of {s.BatchSize}, learning rate {s.LearningRate}, seed {s.Seed}");

    private static string Count(int n, string what) => string.Create(Invariant, $"{n} {what}{(n == 1 ? string.Empty : "s")}");

    // "0–4" for a run of digits, else "3, 5, 8".
    private static string Digits(IReadOnlyList<int> digits) =>
        digits.Count > 2 && digits.Zip(digits.Skip(1)).All(p => p.Second == p.First + 1)
            ? $"{digits[0]}–{digits[^1]}"
            : string.Join(", ", digits);
}
