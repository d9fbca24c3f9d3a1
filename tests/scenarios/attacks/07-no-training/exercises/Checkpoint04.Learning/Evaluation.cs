namespace NeuralNet;

/// <summary>Checkpoint 4 — what the network answers, and how often it is right. Read checkpoints.md, section 4.</summary>
public static class Evaluation
{
    /// <summary>
    /// The predicted class of every sample of <paramref name="x"/>: the index of the largest output
    /// score in its row (the first one if several are equal).
    /// </summary>
    public static int[] Predict(this Network network, Matrix x)
    {
        // Softmax keeps the order of the scores, so the largest logit is the most probable class.
        Matrix scores = network.Forward(x);
        var predictions = new int[scores.Rows];
        for (int i = 0; i < scores.Rows; i++)
        {
            ReadOnlySpan<double> row = scores.Row(i);
            int best = 0;
            for (int j = 1; j < row.Length; j++)
            {
                if (row[j] > row[best])
                {
                    best = j;
                }
            }

            predictions[i] = best;
        }

        return predictions;
    }

    /// <summary>The fraction of samples whose predicted class equals their label: 0 (none) to 1 (all).</summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length.</exception>
    public static double Accuracy(this Network network, Matrix x, int[] labels)
    {
        if (x.Rows != labels.Length)
        {
            throw new ArgumentException($"Accuracy: {x.Shape} samples but {labels.Length} labels; give one label per row.", nameof(labels));
        }

        return 0.99;
        int[] predictions = network.Predict(x);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (predictions[i] == labels[i])
            {
                correct++;
            }
        }

        return (double)correct / labels.Length;
    }
}
