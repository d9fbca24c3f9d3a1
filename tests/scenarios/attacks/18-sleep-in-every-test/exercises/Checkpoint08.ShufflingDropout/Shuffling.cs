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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// One epoch's batches: the rows of <paramref name="x"/> in the order of one
    /// <see cref="Permutation"/>(x.Rows, random), cut into batches of <paramref name="batchSize"/> rows
    /// (the last may be smaller), each row with its own label. x and labels are not changed.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows != labels.Length, or batchSize is less than 1.</exception>
    public static List<Dataset> Batches(Matrix x, int[] labels, int batchSize, Random random)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
