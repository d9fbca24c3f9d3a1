namespace NeuralNet;

/// <summary>
/// Checkpoint 12, beyond the product — checkpoint 4's training, made fast: the same mini-batch gradient
/// descent as <see cref="Training.Train"/>, without the transposes, the new matrices of every step and
/// the separate passes for the bias, the activation and the update. Read checkpoints.md, section 12.
/// </summary>
public static class FastTraining
{
    /// <summary>
    /// Trains <paramref name="network"/> as checkpoint 4's Train does — <paramref name="epochs"/> times the
    /// samples in order, in batches of <paramref name="batchSize"/> (the last may be smaller), a step of
    /// gradient descent per batch, <paramref name="progress"/> after each — and returns the loss of every
    /// batch. The network's weights and biases hold the trained values when it returns. Float is allowed
    /// inside, as in the stages.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not have the network's inputs as columns, x.Rows != labels.Length, a label is not a class of
    /// the network, or epochs or batchSize is less than 1; the message names "FastTraining.Train".
    /// </exception>
    public static List<double> Train(
        Network network,
        Matrix x,
        int[] labels,
        double learningRate,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastTraining.Train — checkpoint 4's Train on float buffers reused by every batch, with no transpose (checkpoints.md#12-make-it-fast).");
    }
}
