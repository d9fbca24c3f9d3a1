namespace NeuralNet;

// A beginner's training loop: copies every batch out of x, entry by entry.
public static class Training
{
    public static double TrainStep(this Network network, Matrix x, int[] labels, double learningRate)
    {
        Gradients gradients = network.Backward(x, labels);
        for (int l = 0; l < network.Weights.Length; l++)
        {
            Matrix w = network.Weights[l];
            for (int i = 0; i < w.Rows; i++)
            {
                for (int j = 0; j < w.Cols; j++)
                {
                    w[i, j] = w[i, j] - learningRate * gradients.Weights[l][i, j];
                }
            }

            for (int j = 0; j < network.Biases[l].Length; j++)
            {
                network.Biases[l][j] = network.Biases[l][j] - learningRate * gradients.Biases[l][j];
            }
        }

        return gradients.Loss;
    }

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
            throw new ArgumentException("Train: " + x.Shape + " samples but " + labels.Length + " labels.");
        }

        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException("Train: epochs and batchSize must be at least 1, not " + epochs + " and " + batchSize + ".");
        }

        int batches = (x.Rows + batchSize - 1) / batchSize;
        List<double> losses = new List<double>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize;
                int size = Math.Min(batchSize, x.Rows - start);
                Matrix xBatch = new Matrix(size, x.Cols);
                int[] yBatch = new int[size];
                for (int i = 0; i < size; i++)
                {
                    for (int j = 0; j < x.Cols; j++)
                    {
                        xBatch[i, j] = x[start + i, j];
                    }

                    yBatch[i] = labels[start + i];
                }

                double loss = network.TrainStep(xBatch, yBatch, learningRate);
                losses.Add(loss);
                if (progress != null)
                {
                    progress(new TrainingProgress(epoch, epochs, batch + 1, batches, size, loss));
                }
            }
        }

        return losses;
    }
}
