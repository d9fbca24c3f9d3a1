namespace NeuralNet;

/// <summary>
/// Checkpoint 12, beyond the product — checkpoint 4's and checkpoint 10's training, made fast: the same
/// mini-batch gradient descent as <see cref="Training.Train"/> and ConvNetwork.Train, without the
/// transposes, the new matrices of every step and the separate passes for the bias, the activation and
/// the update; the convolution as im2col on your fast product. Read checkpoints.md, section 12.
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
        throw new NotImplementedException(
            "Checkpoint 12: implement FastTraining.TrainConv — checkpoint 10's Train with im2col on your fast product and buffers reused by every batch (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// The class of every image, as ConvNetwork.Predict gives it: the column of the largest logit (the
    /// first of equal ones).
    /// </summary>
    /// <exception cref="ArgumentException">x does not hold one Conv.Input image per row; the message names "FastTraining.PredictConv".</exception>
    public static int[] PredictConv(ConvNetwork network, Matrix x)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastTraining.PredictConv — the forward pass of TrainConv, then the largest logit of each image (checkpoints.md#12-make-it-fast).");
    }
}
