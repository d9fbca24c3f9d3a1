using NeuralNet;

namespace Kata.TestSupport;

/// <summary>Seeded test data: the same seed always gives the same numbers, so every run grades alike.</summary>
public static class TestData
{
    /// <summary>A rows x cols matrix of numbers drawn uniformly from [-2, 2] with the given seed.</summary>
    public static Matrix RandomMatrix(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = (4.0 * random.NextDouble()) - 2.0;
        }

        return m;
    }

    /// <summary>A vector of n numbers drawn uniformly from [-2, 2] with the given seed.</summary>
    public static double[] RandomVector(int n, int seed) => RandomMatrix(1, n, seed).Data;
}
