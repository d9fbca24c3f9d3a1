namespace NeuralNet;

/// <summary>
/// Checkpoint 12, beyond the product — checkpoint 10's convolutional network, trained fast: im2col and
/// your fast product for the convolution, pooling and the dense layers over spans of buffers reused by
/// every batch. Read checkpoints.md, section 12.
/// </summary>
public static class FastConvTraining
{
    /// <summary>
    /// Trains <paramref name="network"/> as checkpoint 10's ConvNetwork.Train does — the samples in order,
    /// in batches, a step of gradient descent on every kernel, bias and dense weight per batch,
    /// <paramref name="progress"/> after each — and returns the loss of every batch. The network's
    /// parameters hold the trained values when it returns.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// x does not hold one Conv.Input image per row, x.Rows != labels.Length, a label is not a class, or
    /// epochs or batchSize is less than 1; the message names "FastConvTraining.Train".
    /// </exception>
    public static List<double> Train(
        ConvNetwork network,
        Matrix x,
        int[] labels,
        double learningRate,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastConvTraining.Train — checkpoint 10's Train with im2col on your fast product and buffers reused by every batch (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// The class of every image, as ConvNetwork.Predict gives it: the column of the largest logit (the
    /// first of equal ones).
    /// </summary>
    /// <exception cref="ArgumentException">x does not hold one Conv.Input image per row; the message names "FastConvTraining.Predict".</exception>
    public static int[] Predict(ConvNetwork network, Matrix x)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastConvTraining.Predict — the forward pass of FastConvTraining, then the largest logit of each image (checkpoints.md#12-make-it-fast).");
    }
}
