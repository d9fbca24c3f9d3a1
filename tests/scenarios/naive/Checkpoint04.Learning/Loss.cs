namespace NeuralNet;

// A beginner's loss: one row at a time, the max-shift from the hint.
public static class Loss
{
    public static Matrix Softmax(Matrix logits)
    {
        Matrix p = new Matrix(logits.Rows, logits.Cols);
        for (int i = 0; i < logits.Rows; i++)
        {
            double max = logits[i, 0];
            for (int j = 1; j < logits.Cols; j++)
            {
                if (logits[i, j] > max)
                {
                    max = logits[i, j];
                }
            }

            double sum = 0;
            for (int j = 0; j < logits.Cols; j++)
            {
                sum = sum + Math.Exp(logits[i, j] - max);
            }

            for (int j = 0; j < logits.Cols; j++)
            {
                p[i, j] = Math.Exp(logits[i, j] - max) / sum;
            }
        }

        return p;
    }

    public static double CrossEntropy(Matrix logits, int[] labels)
    {
        CheckLabels("CrossEntropy", logits, labels);
        double total = 0;
        for (int i = 0; i < logits.Rows; i++)
        {
            double max = logits[i, 0];
            for (int j = 1; j < logits.Cols; j++)
            {
                if (logits[i, j] > max)
                {
                    max = logits[i, j];
                }
            }

            double sum = 0;
            for (int j = 0; j < logits.Cols; j++)
            {
                sum = sum + Math.Exp(logits[i, j] - max);
            }

            total = total + (max + Math.Log(sum) - logits[i, labels[i]]);
        }

        return total / logits.Rows;
    }

    public static Matrix CrossEntropyGradient(Matrix logits, int[] labels)
    {
        CheckLabels("CrossEntropyGradient", logits, labels);
        Matrix p = Softmax(logits);
        Matrix gradient = new Matrix(logits.Rows, logits.Cols);
        for (int i = 0; i < logits.Rows; i++)
        {
            for (int j = 0; j < logits.Cols; j++)
            {
                double y = j == labels[i] ? 1 : 0;
                gradient[i, j] = (p[i, j] - y) / logits.Rows;
            }
        }

        return gradient;
    }

    private static void CheckLabels(string operation, Matrix logits, int[] labels)
    {
        if (labels.Length != logits.Rows)
        {
            throw new ArgumentException(operation + ": " + labels.Length + " labels for " + logits.Shape + " logits.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= logits.Cols)
            {
                throw new ArgumentException(operation + ": label " + labels[i] + " is not a class of " + logits.Shape + " logits.");
            }
        }
    }
}
