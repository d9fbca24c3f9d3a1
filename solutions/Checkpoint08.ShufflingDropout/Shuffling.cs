namespace NeuralNet;

/// <summary>
/// Checkpoint 8 — shuffled mini-batches: each epoch visits the samples in a new random order, so that
/// no batch is always the same mix and the order of the file does not steer the learning.
/// Read checkpoints.md, section 8.
/// </summary>
public static class Shuffling
{
    /// <summary>
    /// A random order of 0, 1, …, count − 1: every number exactly once, every order equally likely,
    /// every draw taken from <paramref name="random"/> (so the same seed gives the same order, and the
    /// next call gives the next, different order).
    /// </summary>
    public static int[] Permutation(int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);

        // Fisher–Yates: for i from the end down, swap entry i with one of the entries 0…i, chosen uniformly.
        // Each of the count! orders comes out with probability 1/count!.
        int[] order = [.. Enumerable.Range(0, count)];
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>
    /// One epoch's batches: the rows of <paramref name="x"/> in the order of one
    /// <see cref="Permutation"/>(x.Rows, random), cut into batches of <paramref name="batchSize"/> rows
    /// (the last may be smaller), each row with its own label. x and labels are not changed.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or batchSize is less than 1.</exception>
    public static List<Dataset> Batches(Matrix x, int[] labels, int batchSize, Random random)
    {
        if (x.Rows != labels.Length)
        {
            throw new ArgumentException($"Batches: {x.Shape} samples but {labels.Length} labels; give one label per row.", nameof(labels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int[] order = Permutation(x.Rows, random);
        var batches = new List<Dataset>();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            // Row k of the batch is sample order[start + k]: its pixels and its label move together.
            int[] rows = order[start..Math.Min(start + batchSize, order.Length)];
            var images = new Matrix(rows.Length, x.Cols);
            for (int k = 0; k < rows.Length; k++)
            {
                x.Row(rows[k]).CopyTo(images.Row(k));
            }

            batches.Add(new Dataset(images, [.. rows.Select(r => labels[r])]));
        }

        return batches;
    }
}
