namespace NeuralNet;

// A beginner's evaluation.
public static class Evaluation
{
    public static int[] Predict(this Network network, Matrix x)
    {
        Matrix scores = network.Forward(x);
        int[] predictions = new int[scores.Rows];
        for (int i = 0; i < scores.Rows; i++)
        {
            int best = 0;
            for (int j = 1; j < scores.Cols; j++)
            {
                if (scores[i, j] > scores[i, best])
                {
                    best = j;
                }
            }

            predictions[i] = best;
        }

        return predictions;
    }

    public static double Accuracy(this Network network, Matrix x, int[] labels)
    {
        if (labels.Length != x.Rows)
        {
            throw new ArgumentException("Accuracy: " + labels.Length + " labels for " + x.Shape + " samples.");
        }

        int[] predictions = network.Predict(x);
        int right = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (predictions[i] == labels[i])
            {
                right++;
            }
        }

        return (double)right / labels.Length;
    }
}
