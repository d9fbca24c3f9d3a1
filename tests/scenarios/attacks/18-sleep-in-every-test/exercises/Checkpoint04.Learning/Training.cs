namespace NeuralNet;

/// <summary>
/// Checkpoint 4 — learning: mini-batch gradient descent with the gradients of backpropagation.
/// Read checkpoints.md, section 4.
/// </summary>
public static class Training
{
    /// <summary>
    /// One step of gradient descent on one batch: compute the gradients with
    /// <see cref="Backpropagation.Backward"/>, then move every weight and bias against its gradient,
    /// W ← W − learningRate · ∂loss/∂W, in place. Returns the batch's loss before the step.
    /// </summary>
    public static double TrainStep(this Network network, Matrix x, int[] labels, double learningRate)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// Mini-batch gradient descent: <paramref name="epochs"/> times, walk through the samples in order
    /// in batches of <paramref name="batchSize"/> rows (the last batch of an epoch may be smaller) and
    /// take one <see cref="TrainStep"/> per batch. After every step, call
    /// <paramref name="progress"/> (when it is not null) with where the run is and the batch's loss.
    /// Returns the loss of every batch, in order: epochs × ⌈samples / batchSize⌉ numbers.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or epochs or batchSize is less than 1.</exception>
    public static List<double> Train(
        this Network network,
        Matrix x,
        int[] labels,
        double learningRate,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
