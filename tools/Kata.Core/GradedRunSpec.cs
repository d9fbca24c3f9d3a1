namespace Kata.Core;

/// <summary>
/// A graded training run on MNIST: the test trains the learner's network with the settings of
/// curriculum.json and predicts every t10k image. When the learner grades their own copy the test
/// measures the accuracy itself; when the grader runs it, the t10k labels never enter the sandbox, the
/// test reports what it trained (<see cref="GradedRunReport"/>) and the grader computes the accuracy, checks
/// that the predictions come from that network, and checks a control run trained on relabelled digits.
/// Tests and grader share this description, so they agree on what was run.
/// </summary>
/// <param name="Name">The record's name, e.g. "mnist".</param>
/// <param name="Part">Which training images the run uses.</param>
/// <param name="SeedOffset">Added to the settings' seed, so that a second run starts from other weights.</param>
/// <param name="SettingsKey">The settings object of curriculum.json the run uses.</param>
/// <param name="Control">
/// Whether the run also trains the control network. One control per learner Train is enough: a second run
/// of the same code (the hold-out on other images) is checked without one.
/// </param>
public sealed record GradedRunSpec(string Name, TrainingPart Part, int SeedOffset = 0, string SettingsKey = "mnist", bool Control = true)
{
    /// <summary>Images of the control run: enough for a correct network to learn relabelled digits well.</summary>
    public const int ControlImages = 5000;

    /// <summary>Accuracy the control run must reach on the relabelled test digits (chance is 1 / digits).</summary>
    public const double ControlThreshold = 0.6;

    /// <summary>Checkpoint 4's graded test: the first training images.</summary>
    public static readonly GradedRunSpec Mnist = new("mnist", TrainingPart.First);

    /// <summary>Checkpoint 4's hold-out: the last training images.</summary>
    public static readonly GradedRunSpec MnistLastPart = new("mnist-last-part", TrainingPart.Last, SeedOffset: 1, Control: false);

    /// <summary>Checkpoint 9's graded test: all ten digits, early stopping on a validation set.</summary>
    public static readonly GradedRunSpec TenDigits = new("mnist10", TrainingPart.First, SettingsKey: "mnist10");

    /// <summary>
    /// Checkpoint 13's graded test: checkpoint 4's run trained through the learner's autograd. No control run:
    /// checkpoint 4's main run has one, and the autograd's TrainStep has hold-outs drawn at grade time.
    /// </summary>
    public static readonly GradedRunSpec MnistAutograd = new("mnist-autograd", TrainingPart.First, Control: false);

    /// <summary>Every graded run, by name.</summary>
    public static IReadOnlyList<GradedRunSpec> All { get; } = [Mnist, MnistLastPart, TenDigits, MnistAutograd];

    /// <summary>The training settings of this run.</summary>
    public MnistSettings Settings(Curriculum curriculum)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        return (SettingsKey switch
        {
            "mnist" => curriculum.Mnist,
            "mnist10" => curriculum.Mnist10,
            _ => null,
        }) ?? throw new InvalidOperationException($"Graded run {Name}: curriculum.json has no settings \"{SettingsKey}\".");
    }

    /// <summary>
    /// The first index and the count of the training samples (of the chosen digits) this run trains on,
    /// out of <paramref name="available"/> — the training images left after the validation set, which is
    /// always taken from their end.
    /// </summary>
    public (int Start, int Count) Slice(int available, MnistSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Part switch
        {
            TrainingPart.First => (0, settings.TrainingImages == 0 ? available : Math.Min(settings.TrainingImages, available)),
            _ => settings.TrainingImages == 0
                ? (available - (available / 2), available / 2)
                : (available - Math.Min(settings.TrainingImages, available), Math.Min(settings.TrainingImages, available)),
        };
    }

    /// <summary>The number of losses <paramref name="epochs"/> epochs over <paramref name="samples"/> report.</summary>
    public static int ExpectedLosses(int samples, int epochs, MnistSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return epochs * ((samples + settings.BatchSize - 1) / settings.BatchSize);
    }
}
