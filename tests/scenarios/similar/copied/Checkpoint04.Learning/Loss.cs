namespace NeuralNet;

public static class Loss
{
    public static Matrix CrossEntropyGradient(Matrix scores, int[] targets)
    {
        Validate("CrossEntropyGradient", scores, targets);
        Matrix probs = Softmax(scores);
        Matrix grad = new Matrix(scores.Rows, scores.Cols);
        for (int r = 0; r < scores.Rows; r++)
        {
            for (int c = 0; c < scores.Cols; c++)
            {
                double target = c == targets[r] ? 1 : 0;
                grad[r, c] = (probs[r, c] - target) / scores.Rows;
            }
        }
        return grad;
    }

    // softmax of each row, shifted by its maximum so Exp cannot overflow
    public static Matrix Softmax(Matrix scores)
    {
        Matrix probs = new Matrix(scores.Rows, scores.Cols);
        for (int r = 0; r < scores.Rows; r++)
        {
            double top = scores[r, 0];
            for (int c = 1; c < scores.Cols; c++)
            {
                if (scores[r, c] > top) top = scores[r, c];
            }

            double norm = 0;
            for (int c = 0; c < scores.Cols; c++)
            {
                norm = norm + Math.Exp(scores[r, c] - top);
            }

            for (int c = 0; c < scores.Cols; c++)
            {
                probs[r, c] = Math.Exp(scores[r, c] - top) / norm;
            }
        }
        return probs;
    }

    public static double CrossEntropy(Matrix scores, int[] targets)
    {
        Validate("CrossEntropy", scores, targets);
        double loss = 0;
        for (int r = 0; r < scores.Rows; r++)
        {
            double top = scores[r, 0];
            for (int c = 1; c < scores.Cols; c++)
            {
                if (scores[r, c] > top) top = scores[r, c];
            }

            double norm = 0;
            for (int c = 0; c < scores.Cols; c++)
            {
                norm = norm + Math.Exp(scores[r, c] - top);
            }

            loss = loss + (top + Math.Log(norm) - scores[r, targets[r]]);
        }
        return loss / scores.Rows;
    }

    static void Validate(string what, Matrix scores, int[] targets)
    {
        if (targets.Length != scores.Rows)
            throw new ArgumentException(what + ": " + targets.Length + " targets, " + scores.Shape + " scores");

        for (int n = 0; n < targets.Length; n++)
        {
            if (targets[n] < 0 || targets[n] >= scores.Cols)
                throw new ArgumentException(what + ": target " + targets[n] + " out of range for " + scores.Shape);
        }
    }
}
