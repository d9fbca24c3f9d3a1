namespace NeuralNet;

/// <summary>
/// Checkpoint 10 — your part of the convolutional network: the forward pass, backpropagation through
/// every layer, and training. Read checkpoints.md, section 10.
/// </summary>
public sealed partial class ConvNetwork
{
    /// <summary>
    /// The forward pass for a batch <paramref name="x"/> (one Conv.Input image per row): Conv.Forward,
    /// ReLU, Pooling.MaxPool, then Dense.Forward. Returns the logits, n x classes.
    /// </summary>
    public Matrix Forward(Matrix x)
    {
        throw new NotImplementedException(
            "Checkpoint 10: implement ConvNetwork.Forward — Conv, ReLU, MaxPool, then the dense network (checkpoints.md#10-convolution).");
    }

    /// <summary>
    /// The loss of the batch and its gradient for every parameter: the dense layers' as in checkpoint 4,
    /// and the convolution's, reached by carrying delta on through the first dense layer, the pooling and
    /// the ReLU. Changes neither the network nor x.
    /// </summary>
    public ConvNetworkGradients Backward(Matrix x, int[] labels)
    {
        throw new NotImplementedException(
            "Checkpoint 10: implement ConvNetwork.Backward — your checkpoint-4 backward loop carried on through the pooling, the ReLU and the convolution (checkpoints.md#10-convolution).");
    }

    /// <summary>
    /// One step of gradient descent on one batch: <see cref="Backward"/>, then every kernel weight, bias
    /// and dense weight moves against its gradient, in place. Returns the batch's loss before the step.
    /// </summary>
    public double TrainStep(Matrix x, int[] labels, double learningRate)
    {
        throw new NotImplementedException(
            "Checkpoint 10: implement ConvNetwork.TrainStep — Backward, then every parameter -= learningRate * its gradient (checkpoints.md#10-convolution).");
    }

    /// <summary>
    /// Mini-batch gradient descent, as checkpoint 4's Train: <paramref name="epochs"/> times, the samples
    /// in order in batches of <paramref name="batchSize"/> (the last may be smaller), one
    /// <see cref="TrainStep"/> per batch, <paramref name="progress"/> after each. Returns every batch's loss.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or epochs or batchSize is less than 1.</exception>
    public List<double> Train(Matrix x, int[] labels, double learningRate, int epochs, int batchSize, Action<TrainingProgress>? progress = null)
    {
        throw new NotImplementedException(
            "Checkpoint 10: implement ConvNetwork.Train — for each epoch, for each batch of rows: TrainStep, record the loss, report progress (checkpoints.md#10-convolution).");
    }

    /// <summary>The predicted class of every sample: the column of the largest logit (the first of equal ones).</summary>
    public int[] Predict(Matrix x)
    {
        throw new NotImplementedException(
            "Checkpoint 10: implement ConvNetwork.Predict — Forward, then the column of the largest logit in each row (checkpoints.md#10-convolution).");
    }
}
