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
        Matrix features = Activations.Apply(Conv.Forward(x), Activation.ReLU);  // n x H'·W'·F
        Matrix pooled = Pooling.MaxPool(features, Conv.Output);                 // n x (H'/2)·(W'/2)·F
        return Dense.Forward(pooled);
    }

    /// <summary>
    /// The loss of the batch and its gradient for every parameter: the dense layers' as in checkpoint 4,
    /// and the convolution's, reached by carrying delta on through the first dense layer, the pooling and
    /// the ReLU. Changes neither the network nor x.
    /// </summary>
    public ConvNetworkGradients Backward(Matrix x, int[] labels)
    {
        // Forward, keeping what the backward pass needs.
        Matrix z = Conv.Forward(x);                                  // n x H'·W'·F, before ReLU
        Matrix features = Activations.Apply(z, Activation.ReLU);
        Matrix pooled = Pooling.MaxPool(features, Conv.Output);      // the dense layers' input a[0]

        int layers = Dense.LayerCount;
        var activations = new Matrix[layers];
        var sums = new Matrix[layers];
        Matrix a = pooled;
        for (int l = 0; l < layers; l++)
        {
            activations[l] = a;
            sums[l] = LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(a, Dense.Weights[l]), Dense.Biases[l]);
            a = l == layers - 1 ? sums[l] : Activations.Apply(sums[l], Dense.HiddenActivation);
        }

        double loss = Loss.CrossEntropy(sums[layers - 1], labels);

        // Checkpoint 4's backward loop, with one step more: past layer 0, to the pooled features.
        Matrix delta = Loss.CrossEntropyGradient(sums[layers - 1], labels);
        var nablaW = new Matrix[layers];
        var nablaB = new double[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            nablaW[l] = LinearAlgebra.MatMul(LinearAlgebra.Transpose(activations[l]), delta);
            nablaB[l] = LinearAlgebra.ColumnSums(delta);
            delta = LinearAlgebra.MatMul(delta, LinearAlgebra.Transpose(Dense.Weights[l]));     // ∂loss/∂a[l]
            if (l > 0)
            {
                delta = LinearAlgebra.Hadamard(delta, Backpropagation.ActivationDerivative(sums[l - 1], Dense.HiddenActivation));
            }
        }

        // delta is now ∂loss/∂pooled. Back through the pooling (to the window maxima), then the ReLU.
        Matrix nablaFeatures = Pooling.MaxPoolBackward(features, Conv.Output, delta);
        Matrix nablaZ = LinearAlgebra.Hadamard(nablaFeatures, Backpropagation.ActivationDerivative(z, Activation.ReLU));
        return new ConvNetworkGradients(loss, Conv.Backward(x, nablaZ), new Gradients(loss, nablaW, nablaB));
    }

    /// <summary>
    /// One step of gradient descent on one batch: <see cref="Backward"/>, then every kernel weight, bias
    /// and dense weight moves against its gradient, in place. Returns the batch's loss before the step.
    /// </summary>
    public double TrainStep(Matrix x, int[] labels, double learningRate)
    {
        ConvNetworkGradients gradients = Backward(x, labels);
        Step(Conv.Kernels.Data, gradients.Conv.Kernels.Data, learningRate);
        Step(Conv.Biases, gradients.Conv.Biases, learningRate);
        for (int l = 0; l < Dense.LayerCount; l++)
        {
            Step(Dense.Weights[l].Data, gradients.Dense.Weights[l].Data, learningRate);
            Step(Dense.Biases[l], gradients.Dense.Biases[l], learningRate);
        }

        return gradients.Loss;
    }

    /// <summary>
    /// Mini-batch gradient descent, as checkpoint 4's Train: <paramref name="epochs"/> times, the samples
    /// in order in batches of <paramref name="batchSize"/> (the last may be smaller), one
    /// <see cref="TrainStep"/> per batch, <paramref name="progress"/> after each. Returns every batch's loss.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or epochs or batchSize is less than 1.</exception>
    public List<double> Train(Matrix x, int[] labels, double learningRate, int epochs, int batchSize, Action<TrainingProgress>? progress = null)
    {
        if (x.Rows != labels.Length)
        {
            throw new ArgumentException($"ConvNetwork.Train: {x.Shape} samples but {labels.Length} labels; give one label per row.", nameof(labels));
        }

        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException($"ConvNetwork.Train: epochs ({epochs}) and batchSize ({batchSize}) must be at least 1.");
        }

        int batches = (x.Rows + batchSize - 1) / batchSize;
        var losses = new List<double>(epochs * batches);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize;
                int size = Math.Min(batchSize, x.Rows - start);
                var xBatch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                double loss = TrainStep(xBatch, labels[start..(start + size)], learningRate);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, batch + 1, batches, size, loss));
            }
        }

        return losses;
    }

    /// <summary>The predicted class of every sample: the column of the largest logit (the first of equal ones).</summary>
    public int[] Predict(Matrix x)
    {
        Matrix logits = Forward(x);
        var predictions = new int[logits.Rows];
        for (int i = 0; i < logits.Rows; i++)
        {
            ReadOnlySpan<double> row = logits.Row(i);
            for (int j = 1; j < row.Length; j++)
            {
                if (row[j] > row[predictions[i]])
                {
                    predictions[i] = j;
                }
            }
        }

        return predictions;
    }

    // θ ← θ − η·∇θ, in place.
    private static void Step(double[] parameters, double[] gradients, double learningRate)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradients[i];
        }
    }
}
