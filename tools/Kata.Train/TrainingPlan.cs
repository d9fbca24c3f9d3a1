using System.Globalization;
using Kata.Core;
using NeuralNet;

namespace Kata.Train;

/// <summary>
/// What the flags of the bonus checkpoints choose — the hidden activation (checkpoint 6), the optimizer
/// (checkpoint 7), shuffling and dropout (checkpoint 8) — and so which of the learner's Train methods
/// runs: checkpoint 4's plain Train when none is chosen, so a learner who stopped at checkpoint 5 trains
/// exactly as before.
/// </summary>
/// <param name="Optimizer">"sgd", "momentum" or "adam".</param>
/// <param name="Shuffle">Shuffle the samples every epoch.</param>
/// <param name="Dropout">The dropout rate of the hidden layers, 0 for none.</param>
internal sealed record TrainingPlan(string Optimizer, bool Shuffle, double Dropout)
{
    /// <summary>Checkpoint 4's plain run: gradient descent, the samples in order, no dropout.</summary>
    public static TrainingPlan Plain { get; } = new("sgd", Shuffle: false, Dropout: 0);

    /// <summary>The values of --optimizer.</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "momentum", "adam"];

    /// <summary>The canonical activation name for a --activation value (relu, sigmoid, tanh, leaky-relu; any case), or null.</summary>
    public static string? ActivationName(string value) =>
        MnistSettings.Activations.FirstOrDefault(a =>
            a.Equals(value, StringComparison.OrdinalIgnoreCase) || a.Equals(value.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    /// <summary>The network's hidden activation for a canonical name of <see cref="MnistSettings.Activations"/>.</summary>
    public static ActivationFunction HiddenActivation(string name) => name switch
    {
        "Tanh" => HiddenActivations.Tanh,
        "LeakyReLU" => HiddenActivations.LeakyReLU(),
        _ => Enum.Parse<Activation>(name),
    };

    /// <summary>Trains <paramref name="network"/> with the learner's Train of the checkpoint these choices need.</summary>
    public List<double> Train(Network network, Matrix x, int[] y, MnistSettings settings, Action<TrainingProgress> progress)
    {
        if (Shuffle || Dropout > 0)
        {
            // Checkpoint 8: one Random(seed) gives the order of every epoch and every dropout mask.
            return network.Train(x, y, CreateOptimizer(settings.LearningRate), settings.Epochs, settings.BatchSize, Dropout, settings.Seed, progress);
        }

        return Optimizer == "sgd"
            ? network.Train(x, y, settings.LearningRate, settings.Epochs, settings.BatchSize, progress)
            : network.Train(x, y, CreateOptimizer(settings.LearningRate), settings.Epochs, settings.BatchSize, progress);
    }

    /// <summary>", Adam, shuffled, dropout 0.2" — empty for checkpoint 4's plain run.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Optimizer != "sgd" || Shuffle || Dropout > 0)
        {
            parts.Add(Optimizer switch { "momentum" => "momentum 0.9", "adam" => "Adam", _ => "plain gradient descent" });
        }

        if (Shuffle || Dropout > 0)
        {
            parts.Add("shuffled every epoch");
        }

        if (Dropout > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"dropout {Dropout}"));
        }

        return string.Concat(parts.Select(p => ", " + p));
    }

    private Optimizer CreateOptimizer(double learningRate) => Optimizer switch
    {
        "momentum" => new Momentum(learningRate),
        "adam" => new Adam(learningRate),
        _ => new Sgd(learningRate),
    };
}
