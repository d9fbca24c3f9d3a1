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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// The loss of the batch and its gradient for every parameter: the dense layers' as in checkpoint 4,
    /// and the convolution's, reached by carrying delta on through the first dense layer, the pooling and
    /// the ReLU. Changes neither the network nor x.
    /// </summary>
    public ConvNetworkGradients Backward(Matrix x, int[] labels)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// One step of gradient descent on one batch: <see cref="Backward"/>, then every kernel weight, bias
    /// and dense weight moves against its gradient, in place. Returns the batch's loss before the step.
    /// </summary>
    public double TrainStep(Matrix x, int[] labels, double learningRate)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// Mini-batch gradient descent, as checkpoint 4's Train: <paramref name="epochs"/> times, the samples
    /// in order in batches of <paramref name="batchSize"/> (the last may be smaller), one
    /// <see cref="TrainStep"/> per batch, <paramref name="progress"/> after each. Returns every batch's loss.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or epochs or batchSize is less than 1.</exception>
    public List<double> Train(Matrix x, int[] labels, double learningRate, int epochs, int batchSize, Action<TrainingProgress>? progress = null)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>The predicted class of every sample: the column of the largest logit (the first of equal ones).</summary>
    public int[] Predict(Matrix x)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
