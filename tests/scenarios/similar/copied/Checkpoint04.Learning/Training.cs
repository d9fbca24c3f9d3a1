namespace NeuralNet;

public static class Training
{
    public static List<double> Train(this Network net, Matrix inputs, int[] truth, double rate, int epochs, int batchSize, Action<TrainingProgress>? onBatch = null)
    {
        if (inputs.Rows != truth.Length)
            throw new ArgumentException("Train: " + inputs.Shape + " inputs for " + truth.Length + " labels");
        if (epochs < 1 || batchSize < 1)
            throw new ArgumentException("Train: need epochs >= 1 and batchSize >= 1, got " + epochs + ", " + batchSize);

        int count = (inputs.Rows + batchSize - 1) / batchSize;
        List<double> history = new List<double>();
        for (int e = 1; e <= epochs; e++)
        {
            for (int b = 0; b < count; b++)
            {
                int from = b * batchSize;
                int n = Math.Min(batchSize, inputs.Rows - from);
                Matrix chunk = new Matrix(n, inputs.Cols);
                int[] chunkLabels = new int[n];
                for (int r = 0; r < n; r++)
                {
                    for (int c = 0; c < inputs.Cols; c++)
                    {
                        chunk[r, c] = inputs[from + r, c];
                    }
                    chunkLabels[r] = truth[from + r];
                }

                double cost = net.TrainStep(chunk, chunkLabels, rate);
                history.Add(cost);
                if (onBatch != null)
                {
                    onBatch(new TrainingProgress(e, epochs, b + 1, count, n, cost));
                }
            }
        }
        return history;
    }

    // one step of gradient descent on one batch
    public static double TrainStep(this Network net, Matrix inputs, int[] truth, double rate)
    {
        Gradients grads = net.Backward(inputs, truth);
        for (int layer = 0; layer < net.Weights.Length; layer++)
        {
            Matrix weights = net.Weights[layer];
            for (int r = 0; r < weights.Rows; r++)
                for (int c = 0; c < weights.Cols; c++)
                    weights[r, c] = weights[r, c] - rate * grads.Weights[layer][r, c];

            for (int c = 0; c < net.Biases[layer].Length; c++)
                net.Biases[layer][c] = net.Biases[layer][c] - rate * grads.Biases[layer][c];
        }
        return grads.Loss;
    }
}
