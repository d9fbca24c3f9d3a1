namespace NeuralNet;

/// <summary>
/// Checkpoint 12, beyond the product — checkpoint 4's training, made fast. The same mini-batch gradient
/// descent as <see cref="Training.Train"/>, computed in float, with no transpose, no new matrix per step
/// and no separate pass for the bias, the activation or the update. Read checkpoints.md, section 12.
/// </summary>
public static class FastTraining
{
    /// <summary>
    /// Trains <paramref name="network"/> as checkpoint 4's Train does — <paramref name="epochs"/> times the
    /// samples in order, in batches of <paramref name="batchSize"/> (the last may be smaller), a step of
    /// gradient descent per batch, <paramref name="progress"/> after each — and returns the loss of every
    /// batch. The network's weights and biases hold the trained values when it returns.
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
        ArgumentNullException.ThrowIfNull(network);
        TrainingArguments.Check("FastTraining.Train", x, network.LayerSizes[0], labels, network.LayerSizes[^1], epochs, batchSize);
        int batches = (x.Rows + batchSize - 1) / batchSize, batch = Math.Min(batchSize, x.Rows);
        var dense = new FastDense(network, batch);
        float[] inputs = new float[(batch * x.Cols) + FastDense.Slack];
        var losses = new List<double>(epochs * batches);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int b = 0; b < batches; b++)
            {
                // Rows [start, start + size) of x lie one after another in x.Data: one conversion to float.
                int start = b * batchSize, size = Math.Min(batchSize, x.Rows - start);
                FastDense.Narrow(x.Data.AsSpan(start * x.Cols, size * x.Cols), inputs);
                dense.Forward(inputs, size);
                double loss = dense.Loss(labels.AsSpan(start, size), size);
                dense.Backward(inputs, size, (float)learningRate);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, b + 1, batches, size, loss));
            }
        }

        dense.WriteBack(network);
        return losses;
    }
}
