namespace NeuralNet;

/// <summary>
/// Checkpoint 4 — how wrong the network is. Softmax turns a row of raw scores (logits) into
/// probabilities; cross-entropy is −log of the probability given to the right class, averaged over
/// the batch. Read checkpoints.md, section 4.
/// </summary>
public static class Loss
{
    /// <summary>
    /// Softmax of every row: p[i, j] = e^z[i, j] / Σ_k e^z[i, k]. Each row of the result is positive and
    /// sums to 1. Must stay finite for logits such as ±1000 (e^1000 is infinity in a double).
    /// </summary>
    public static Matrix Softmax(Matrix logits)
    {
        var p = new Matrix(logits.Rows, logits.Cols);
        for (int i = 0; i < logits.Rows; i++)
        {
            ReadOnlySpan<double> z = logits.Row(i);
            Span<double> row = p.Row(i);

            // e^(z − m) / Σ e^(z − m) is the same fraction as e^z / Σ e^z, but with m = max(z) every
            // exponent is ≤ 0: nothing overflows, and the largest term is exactly 1, so the sum is ≥ 1.
            double max = Max(z);
            double sum = 0.0;
            for (int j = 0; j < z.Length; j++)
            {
                row[j] = Math.Exp(z[j] - max);
                sum += row[j];
            }

            for (int j = 0; j < row.Length; j++)
            {
                row[j] /= sum;
            }
        }

        return p;
    }

    /// <summary>
    /// The mean cross-entropy of a batch: (1/n) Σ_i −log p[i, labels[i]], where p = Softmax(logits) and
    /// n = logits.Rows. Must stay finite for logits such as ±1000.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// labels.Length != logits.Rows, or a label is not a class (0 to logits.Cols − 1); the message names
    /// "CrossEntropy", the shape of the logits and the offending count or label.
    /// </exception>
    public static double CrossEntropy(Matrix logits, int[] labels)
    {
        CheckLabels("CrossEntropy", logits, labels);
        double total = 0.0;
        for (int i = 0; i < logits.Rows; i++)
        {
            ReadOnlySpan<double> z = logits.Row(i);

            // −log p_y = −log(e^z_y / Σ e^z_k) = log Σ e^z_k − z_y, and log Σ e^z_k = m + log Σ e^(z_k − m)
            // (log-sum-exp). Never log(softmax): a probability that rounds to 0 would give −log 0 = ∞.
            double max = Max(z);
            double sum = 0.0;
            foreach (double zk in z)
            {
                sum += Math.Exp(zk - max);
            }

            total += max + Math.Log(sum) - z[labels[i]];
        }

        return total / logits.Rows;
    }

    /// <summary>
    /// The gradient of <see cref="CrossEntropy"/> with respect to the logits: a matrix of the logits'
    /// shape whose entry (i, j) is (p[i, j] − 1 if j == labels[i], else p[i, j]) / n.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="CrossEntropy"/>, with "CrossEntropyGradient" in the message.</exception>
    public static Matrix CrossEntropyGradient(Matrix logits, int[] labels)
    {
        CheckLabels("CrossEntropyGradient", logits, labels);

        // ∂loss/∂z[i, j] = (p[i, j] − y[i, j]) / n with y the one-hot labels: the softmax's derivative
        // and the log's cancel into this short form. The 1/n is there because the loss is a mean.
        Matrix gradient = Softmax(logits);
        double n = logits.Rows;
        for (int i = 0; i < gradient.Rows; i++)
        {
            Span<double> row = gradient.Row(i);
            row[labels[i]] -= 1.0;
            for (int j = 0; j < row.Length; j++)
            {
                row[j] /= n;
            }
        }

        return gradient;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static void CheckLabels(string operation, Matrix logits, int[] labels)
    {
        if (labels.Length != logits.Rows)
        {
            throw new ArgumentException(
                $"{operation}: {labels.Length} labels for {logits.Shape} logits; give one label per row ({logits.Rows}).",
                nameof(labels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)logits.Cols)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels),
                    $"{operation}: label {labels[i]} of sample {i} is not a class of {logits.Shape} logits; labels go from 0 to {logits.Cols - 1}.");
            }
        }
    }
}
