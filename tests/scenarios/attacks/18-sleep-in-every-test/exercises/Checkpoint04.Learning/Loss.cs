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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// The gradient of <see cref="CrossEntropy"/> with respect to the logits: a matrix of the logits'
    /// shape whose entry (i, j) is (p[i, j] − 1 if j == labels[i], else p[i, j]) / n.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="CrossEntropy"/>, with "CrossEntropyGradient" in the message.</exception>
    public static Matrix CrossEntropyGradient(Matrix logits, int[] labels)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
