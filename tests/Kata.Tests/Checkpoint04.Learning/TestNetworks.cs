namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;

/// <summary>
/// Small seeded networks and data for checkpoint 4. Built without any learner code (not even
/// RandomWeights), so that a checkpoint-4 test fails on a checkpoint-4 stub and not on an earlier one.
/// </summary>
internal static class TestNetworks
{
    /// <summary>A network of the given sizes whose weights and biases are seeded numbers in [-scale, scale].</summary>
    public static Network Random(int[] sizes, ActivationFunction activation, int seed, double scale = 0.8)
    {
        var weights = new Matrix[sizes.Length - 1];
        var biases = new double[sizes.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = Scaled(TestData.RandomMatrix(sizes[l], sizes[l + 1], seed + (2 * l)), scale / 2);
            biases[l] = Scaled(TestData.RandomMatrix(1, sizes[l + 1], seed + (2 * l) + 1), scale / 4).Data;
        }

        return new Network(weights, biases, activation);
    }

    /// <summary>An independent copy of <paramref name="network"/>: same weights, same biases, no shared arrays.</summary>
    public static Network Copy(Network network) => new(
        [.. network.Weights.Select(w => w.Clone())],
        [.. network.Biases.Select(b => (double[])b.Clone())],
        network.HiddenActivation);

    /// <summary>Seeded labels: n classes from 0 to classes − 1.</summary>
    public static int[] Labels(int n, int classes, int seed)
    {
        var random = new System.Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => random.Next(classes))];
    }

    /// <summary>
    /// Three well separated clusters in the plane (classes 0, 1, 2), mixed in a seeded order: a
    /// network with one small hidden layer can classify every point.
    /// </summary>
    public static Dataset ThreeClusters(int perClass, int seed)
    {
        (double X, double Y)[] centres = [(-2, -1), (2, -1), (0, 2)];
        var random = new System.Random(seed);
        var points = new List<(double X, double Y, int Label)>();
        for (int label = 0; label < centres.Length; label++)
        {
            for (int i = 0; i < perClass; i++)
            {
                double angle = random.NextDouble() * 2 * Math.PI, radius = random.NextDouble() * 0.8;
                points.Add((centres[label].X + (radius * Math.Cos(angle)), centres[label].Y + (radius * Math.Sin(angle)), label));
            }
        }

        var mixed = points.OrderBy(_ => random.Next()).ToList();
        var x = new Matrix(mixed.Count, 2);
        for (int i = 0; i < mixed.Count; i++)
        {
            x[i, 0] = mixed[i].X;
            x[i, 1] = mixed[i].Y;
        }

        return new Dataset(x, [.. mixed.Select(p => p.Label)]);
    }

    // Scales in place (no learner code): the data comes straight from TestData.
    private static Matrix Scaled(Matrix m, double factor)
    {
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] *= factor;
        }

        return m;
    }
}
