namespace NeuralNet;

/// <summary>
/// Checkpoint 11 — the toy sequence model end to end: embedding and positions, your self-attention layer,
/// a readout to one score per token, the cross-entropy of checkpoint 4 at every position, and training with
/// your optimizers of checkpoint 7. Read checkpoints.md, section 11.
/// </summary>
public static class SequenceTraining
{
    /// <summary>
    /// The model's scores for one sequence (T x Vocabulary), row t for position t:
    /// X = E[tokens] + Positions.Sinusoidal(T, ModelWidth); H = model.Attention.Forward(X, Causal); H·W_r + b_r.
    /// </summary>
    /// <exception cref="ArgumentException">A token is not in 0 … Vocabulary − 1, or the sequence is empty.</exception>
    public static Matrix Forward(this SequenceModel model, int[] tokens)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// One optimizer step on a batch of sequences: the loss is the mean over the batch of each sequence's
    /// <see cref="Loss.CrossEntropy"/>(Forward(inputs[i]), targets[i]); its gradient is found by
    /// backpropagation through the readout, the attention layer and the embedding, and
    /// <paramref name="optimizer"/> steps every parameter: Embedding, the four attention weights, Readout and
    /// ReadoutBias. Returns the batch's loss before the step.
    /// </summary>
    /// <exception cref="ArgumentException">inputs and targets differ in count, or a target is not as long as its input.</exception>
    public static double TrainStep(this SequenceModel model, int[][] inputs, int[][] targets, Optimizer optimizer)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// Checkpoint 7's Train for sequences: <paramref name="epochs"/> times, the sequences in order in batches
    /// of <paramref name="batchSize"/> (the last may be smaller), one <see cref="TrainStep"/> per batch with the
    /// one <paramref name="optimizer"/>, <paramref name="progress"/> after each (Samples = sequences in the
    /// batch). Returns the loss of every batch, in order.
    /// </summary>
    /// <exception cref="ArgumentException">inputs and targets differ in count, or epochs or batchSize is less than 1.</exception>
    public static List<double> Train(
        this SequenceModel model,
        int[][] inputs,
        int[][] targets,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
