namespace Kata.Core;

/// <summary>
/// Checkpoint 4's graded training run, as curriculum.json's <c>"mnist"</c> object describes it: the
/// test trains the learner's network with these settings on the MNIST training images of
/// <see cref="Digits"/> and passes when its accuracy on every test image of those digits is above
/// <see cref="Threshold"/>. An instructor changes the grade here and nowhere else.
/// </summary>
/// <param name="Threshold">Accuracy (0–1) the network must exceed on the t10k test images.</param>
/// <param name="Digits">The digits to classify, e.g. [0, 1, 2, 3, 4]; class k is Digits[k].</param>
/// <param name="HiddenLayers">Neurons per hidden layer, e.g. [16]; inputs (784) and outputs (one per digit) follow from the data.</param>
/// <param name="Activation">
/// The hidden layers' activation: "ReLU" or "Sigmoid" (checkpoint 4, the graded run), or for the
/// training program also "Tanh" or "LeakyReLU" (checkpoint 6).
/// </param>
/// <param name="LearningRate">The gradient-descent step size.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Samples per gradient step.</param>
/// <param name="Seed">Seed of the network's random initial weights.</param>
/// <param name="TrainingImages">Train on the first this-many training images of the digits; 0 means all of them.</param>
/// <param name="ValidationImages">
/// Checkpoint 9: the last this-many images of the training set are kept apart for validation (never
/// trained on); 0 means no validation set (checkpoint 4).
/// </param>
/// <param name="Patience">
/// Checkpoint 9: early stopping ends training after this many epochs in a row without a better validation
/// accuracy; <see cref="Epochs"/> is then the most epochs it may run. 0: no early stopping.
/// </param>
public sealed record MnistSettings(
    double Threshold,
    IReadOnlyList<int> Digits,
    IReadOnlyList<int> HiddenLayers,
    string Activation,
    double LearningRate,
    int Epochs,
    int BatchSize,
    int Seed,
    int TrainingImages,
    int ValidationImages = 0,
    int Patience = 0)
{
    /// <summary>
    /// The training program's default run (<c>./kata train</c>): every training image of
    /// <paramref name="digits"/>, a wider hidden layer and two epochs — the reference result in
    /// checkpoints.md, more than the graded run needs.
    /// </summary>
    public static MnistSettings Reference(IReadOnlyList<int> digits, double threshold) =>
        new(threshold, digits, [32], "ReLU", LearningRate: 0.1, Epochs: 2, BatchSize: 16, Seed: 1, TrainingImages: 0);

    /// <summary>
    /// The training program's run on all ten digits (<c>./kata train --digits 0-9</c>): two wide hidden layers,
    /// the last 10,000 training images for validation and early stopping — the reference result of
    /// checkpoint 9 in checkpoints.md.
    /// </summary>
    public static MnistSettings TenDigitsReference(double threshold) =>
        new(threshold, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [256, 128], "ReLU", LearningRate: 0.1, Epochs: 30, BatchSize: 32, Seed: 1, TrainingImages: 0, ValidationImages: 10_000, Patience: 5);

    /// <summary>
    /// The training program's convolutional run (<c>./kata train --model cnn</c>): the dense layers behind
    /// the convolution and the training settings; the validation accuracy is shown after every epoch.
    /// 2304-128-10 with batches of 32 reached 98.65–98.96 % of the test images after each of epochs 3 to 10
    /// on checkpoint 12's fast step (checkpoints.md#10-convolution).
    /// </summary>
    public static MnistSettings ConvReference(double threshold) =>
        new(threshold, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [128], "ReLU", LearningRate: 0.1, Epochs: 6, BatchSize: 32, Seed: 1, TrainingImages: 0, ValidationImages: 10_000, Patience: 0);

    /// <summary>Pixels per MNIST image (28 x 28): the network's inputs.</summary>
    public const int Pixels = 28 * 28;

    /// <summary>The network's layer sizes, inputs first: [784, hidden…, one output per digit].</summary>
    public int[] LayerSizes => [Pixels, .. HiddenLayers, Digits.Count];

    /// <summary>One line for people: "784-16-5 ReLU, learning rate 0.1, 1 epoch, batches of 8, seed 1" (and the early stopping, if any).</summary>
    public string Describe()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string epochs = string.Create(invariant, $"{(Patience > 0 ? "at most " : string.Empty)}{Epochs} epoch{(Epochs == 1 ? string.Empty : "s")}");
        string stopping = Patience > 0 ? string.Create(invariant, $", early stopping with patience {Patience} on {ValidationImages:N0} validation images") : string.Empty;
        return string.Create(invariant, $"{string.Join('-', LayerSizes)} {Activation}, learning rate {LearningRate}, {epochs}, batches of {BatchSize}, seed {Seed}{stopping}");
    }

    /// <summary>The activations of checkpoint 4: the graded run may use only these.</summary>
    public static IReadOnlyList<string> GradedActivations { get; } = ["ReLU", "Sigmoid"];

    /// <summary>Every activation the training program can use: checkpoint 6 adds tanh and leaky ReLU.</summary>
    public static IReadOnlyList<string> Activations { get; } = [.. GradedActivations, "Tanh", "LeakyReLU"];

    /// <summary>
    /// Every problem with these settings, in words; empty when they are usable. <paramref name="graded"/>
    /// (curriculum.json's run) allows only the activations of checkpoint 4; the training program allows all.
    /// </summary>
    public IReadOnlyList<string> Problems(bool graded = true)
    {
        var problems = new List<string>();
        if (!(Threshold > 0 && Threshold < 1))
        {
            problems.Add($"threshold must be between 0 and 1 (got {Threshold})");
        }

        if (Digits is not { Count: >= 2 } || Digits.Any(d => d is < 0 or > 9) || Digits.Distinct().Count() != Digits.Count)
        {
            problems.Add("digits must be at least two different digits from 0 to 9");
        }

        if (HiddenLayers is null || HiddenLayers.Any(n => n < 1))
        {
            problems.Add("hiddenLayers must be a list of positive sizes (it may be empty)");
        }

        IReadOnlyList<string> allowed = graded ? GradedActivations : Activations;
        if (!allowed.Contains(Activation))
        {
            problems.Add($"activation must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))} (got \"{Activation}\")");
        }

        if (!(LearningRate > 0) || Epochs < 1 || BatchSize < 1 || TrainingImages < 0)
        {
            problems.Add("learningRate must be positive, epochs and batchSize at least 1, trainingImages 0 (all) or more");
        }

        if (ValidationImages < 0 || Patience < 0 || (Patience > 0 && ValidationImages == 0))
        {
            problems.Add("validationImages and patience must be 0 or more, and early stopping (patience) needs validation images");
        }

        return problems;
    }
}
