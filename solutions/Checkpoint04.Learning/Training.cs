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
        Gradients gradients = network.Backward(x, labels);
        for (int l = 0; l < network.LayerCount; l++)
        {
            double[] w = network.Weights[l].Data, dw = gradients.Weights[l].Data;
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= learningRate * dw[i];
            }

            double[] b = network.Biases[l], db = gradients.Biases[l];
            for (int j = 0; j < b.Length; j++)
            {
                b[j] -= learningRate * db[j];
            }
        }

        return gradients.Loss;
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
        if (x.Rows != labels.Length)
        {
            throw new ArgumentException($"Train: {x.Shape} samples but {labels.Length} labels; give one label per row.", nameof(labels));
        }

        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException($"Train: epochs ({epochs}) and batchSize ({batchSize}) must be at least 1.");
        }

        int batches = (x.Rows + batchSize - 1) / batchSize;
        var losses = new List<double>(epochs * batches);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                // Rows [start, start + size) of x: one contiguous block of Data, since rows lie one after another.
                int start = batch * batchSize;
                int size = Math.Min(batchSize, x.Rows - start);
                var xBatch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                int[] yBatch = labels[start..(start + size)];

                double loss = network.TrainStep(xBatch, yBatch, learningRate);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, batch + 1, batches, size, loss));
            }
        }

        return losses;
    }
}
