namespace NeuralNet;

/// <summary>
/// Checkpoint 7 — any <see cref="Optimizer"/> in place of the plain gradient-descent step: to minimise a
/// function as in checkpoint 2, and to train your network as in checkpoint 4. Read checkpoints.md, section 7.
/// </summary>
public static class Optimizers
{
    /// <summary>
    /// Checkpoint 2's GradientDescent with any optimizer: starting from a copy of <paramref name="x0"/>,
    /// <paramref name="steps"/> times take the gradient with your <see cref="Calculus.NumericalGradient"/>
    /// and let <paramref name="optimizer"/> step x. Returns the final x; x0 is not changed.
    /// </summary>
    public static double[] Minimize(Func<double[], double> f, double[] x0, Optimizer optimizer, int steps)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var x = (double[])x0.Clone();
        for (int step = 0; step < steps; step++)
        {
            optimizer.Step(x, Calculus.NumericalGradient(f, x));
        }

        return x;
    }

    /// <summary>
    /// Checkpoint 4's TrainStep with any optimizer: the gradients of <see cref="Backpropagation.Backward"/>
    /// for this batch, then one optimizer step for every weight and bias. Returns the batch's loss before the step.
    /// </summary>
    public static double TrainStep(this Network network, Matrix x, int[] labels, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Gradients gradients = network.Backward(x, labels);
        optimizer.Step(network, gradients);
        return gradients.Loss;
    }

    /// <summary>
    /// Checkpoint 4's Train with any optimizer: <paramref name="epochs"/> times, the samples in order in
    /// batches of <paramref name="batchSize"/> (the last may be smaller), one <see cref="TrainStep"/> per
    /// batch, <paramref name="progress"/> after each. Returns the loss of every batch, in order.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or epochs or batchSize is less than 1.</exception>
    public static List<double> Train(
        this Network network,
        Matrix x,
        int[] labels,
        Optimizer optimizer,
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
                // Rows [start, start + size): one contiguous block of Data.
                int start = batch * batchSize;
                int size = Math.Min(batchSize, x.Rows - start);
                var xBatch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);

                double loss = network.TrainStep(xBatch, labels[start..(start + size)], optimizer);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, batch + 1, batches, size, loss));
            }
        }

        return losses;
    }
}
