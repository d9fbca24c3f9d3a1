using NeuralNet;

namespace Kata.Train;

/// <summary>Thrown from the progress callback to stop a run whose loss is no longer a number.</summary>
internal sealed class TrainingDivergedException(TrainingProgress progress) : Exception("The training loss is not finite.")
{
    public TrainingProgress Progress { get; } = progress;
}
