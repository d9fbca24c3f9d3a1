namespace NeuralNet;

/// <summary>
/// Checkpoint 12, beyond the product — checkpoint 4's and checkpoint 10's training, made fast. The same
/// mini-batch gradient descent as <see cref="Training.Train"/> and ConvNetwork.Train, computed in float,
/// with no transpose, no new matrix per step and no separate pass for the bias, the activation or the
/// update; the convolution as im2col on the fast product. Read checkpoints.md, section 12.
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
        int batch = Math.Min(batchSize, x.Rows);
        var dense = new FastDense(network, batch);
        float[] inputs = new float[(batch * x.Cols) + FastDense.Slack];
        List<double> losses = Batches(x.Rows, epochs, batchSize, progress, (start, size) =>
        {
            // Rows [start, start + size) of x lie one after another in x.Data: one conversion to float.
            FastDense.Narrow(x.Data.AsSpan(start * x.Cols, size * x.Cols), inputs);
            dense.Forward(inputs, size);
            double loss = dense.Loss(labels.AsSpan(start, size), size);
            dense.Backward(inputs, size, (float)learningRate);
            return loss;
        });
        dense.WriteBack(network);
        return losses;
    }


    /// <summary>
    /// Trains <paramref name="network"/> as checkpoint 10's ConvNetwork.Train does — the samples in order,
    /// in batches, a step of gradient descent on every kernel, bias and dense weight per batch,
    /// <paramref name="progress"/> after each — and returns the loss of every batch. The network's
    /// parameters hold the trained values when it returns.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not hold one Conv.Input image per row, x.Rows != labels.Length, a label is not a class, or
    /// epochs or batchSize is less than 1; the message names "FastTraining.TrainConv".
    /// </exception>
    public static List<double> TrainConv(
        ConvNetwork network,
        Matrix x,
        int[] labels,
        double learningRate,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        TrainingArguments.Check("FastTraining.TrainConv", x, network.Conv.Input.Size, labels, network.Dense.LayerSizes[^1], epochs, batchSize);
        int batch = Math.Min(batchSize, x.Rows);
        var conv = new FastConv(network.Conv, batch);
        var dense = new FastDense(network.Dense, batch);
        float[] pooledGradientT = new float[(conv.Pooled.Size * batch) + FastDense.Slack];
        List<double> losses = Batches(x.Rows, epochs, batchSize, progress, (start, size) =>
        {
            float[] pooled = conv.Forward(x, start, size);
            dense.Forward(pooled, size);
            double loss = dense.Loss(labels.AsSpan(start, size), size);
            dense.Backward(pooled, size, (float)learningRate, pooledGradientT);
            conv.Backward(size, pooledGradientT, (float)learningRate);
            return loss;
        });
        conv.WriteBack(network.Conv);
        dense.WriteBack(network.Dense);
        return losses;
    }

    /// <summary>
    /// The class of every image, as ConvNetwork.Predict gives it: the column of the largest logit (the
    /// first of equal ones), computed in float.
    /// </summary>
    /// <exception cref="ArgumentException">x does not hold one Conv.Input image per row; the message names "FastTraining.PredictConv".</exception>
    public static int[] PredictConv(ConvNetwork network, Matrix x)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        TrainingArguments.CheckImages("FastTraining.PredictConv", x, network.Conv.Input.Size);
        int chunk = Math.Max(1, Math.Min(PredictChunk, x.Rows));
        var conv = new FastConv(network.Conv, chunk);
        var dense = new FastDense(network.Dense, chunk);
        var predicted = new int[x.Rows];
        for (int start = 0; start < x.Rows; start += chunk)
        {
            int size = Math.Min(chunk, x.Rows - start);
            dense.Forward(conv.Forward(x, start, size), size);
            dense.Predict(size, predicted.AsSpan(start, size));
        }

        return predicted;
    }

    // Checkpoint 4's loop: `epochs` times the samples in order, in batches (the last may be smaller), one
    // step(start, size) per batch, which returns the batch's loss; progress after each.
    private static List<double> Batches(int samples, int epochs, int batchSize, Action<TrainingProgress>? progress, Func<int, int, double> step)
    {
        int batches = (samples + batchSize - 1) / batchSize;
        var losses = new List<double>(epochs * batches);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize, size = Math.Min(batchSize, samples - start);
                double loss = step(start, size);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, b + 1, batches, size, loss));
            }
        }

        return losses;
    }

    // Images per forward pass when predicting: the patches of 256 MNIST images take 15 MB.
    private const int PredictChunk = 256;
}
