namespace NeuralNet;

/// <summary>
/// Checkpoint 8 — training with shuffled mini-batches and dropout, with any optimizer of checkpoint 7.
/// Read checkpoints.md, section 8.
/// </summary>
public static class StochasticTraining
{
    /// <summary>
    /// Mini-batch training with shuffling and dropout. One <see cref="Random"/>(seed) serves the whole run:
    /// each epoch takes its batches from <see cref="Shuffling.Batches"/>(x, labels, batchSize, random); for
    /// each batch, draw one <see cref="Dropout.Mask"/>(batch rows, layer size, dropout, random) per hidden
    /// layer, first layer first, take the gradients of <see cref="Dropout.Backward"/> with those masks and
    /// let <paramref name="optimizer"/> step the network; then record the loss and report
    /// <paramref name="progress"/>. Returns the loss of every batch, in order. A dropout of 0 keeps every
    /// activation (its masks are all ones).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x.Rows != labels.Length, epochs or batchSize less than 1, or a dropout rate outside [0, 1) (the
    /// message names Train and [0, 1)).
    /// </exception>
    public static List<double> Train(
        this Network network,
        Matrix x,
        int[] labels,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        double dropout,
        int seed,
        Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (x.Rows != labels.Length)
        {
            throw new ArgumentException($"Train: {x.Shape} samples but {labels.Length} labels; give one label per row.", nameof(labels));
        }

        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException($"Train: epochs ({epochs}) and batchSize ({batchSize}) must be at least 1.");
        }

        Dropout.CheckRate("Train", dropout);
        var random = new Random(seed);
        int batches = (x.Rows + batchSize - 1) / batchSize;
        var losses = new List<double>(epochs * batches);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            // A new order every epoch, from the same random: the same seed replays the same run.
            List<Dataset> shuffled = Shuffling.Batches(x, labels, batchSize, random);
            for (int batch = 0; batch < shuffled.Count; batch++)
            {
                Dataset b = shuffled[batch];
                Matrix[] masks = [.. Enumerable.Range(1, network.LayerCount - 1).Select(l => Dropout.Mask(b.Count, network.LayerSizes[l], dropout, random))];
                Gradients gradients = network.Backward(b.Images, b.Labels, masks);
                optimizer.Step(network, gradients);
                losses.Add(gradients.Loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, batch + 1, batches, b.Count, gradients.Loss));
            }
        }

        return losses;
    }
}
