using NeuralNet;

namespace Kata.Bench;

/// <summary>The matrix products the benchmarks compare, by name.</summary>
internal static class Kernels
{
    /// <summary>Every kernel: its name, what it is, and the product.</summary>
    public static IReadOnlyList<(string Name, string What, Func<Matrix, Matrix, Matrix> Product)> All { get; } =
    [
        ("naive", "i-j-k through the m[i, j] indexer, a first MatMul as it is often written (in this benchmark)", Naive),
        ("clear", "checkpoint 1's LinearAlgebra.MatMul", LinearAlgebra.MatMul),
        ("ikj", "checkpoint 12, stage 1: FastLinearAlgebra.MatMulIkj", FastLinearAlgebra.MatMulIkj),
        ("simd", "checkpoint 12, stage 2: FastLinearAlgebra.MatMulSimd", FastLinearAlgebra.MatMulSimd),
        ("blocked", "checkpoint 12, stage 3: FastLinearAlgebra.MatMulBlocked", FastLinearAlgebra.MatMulBlocked),
        ("fast", "checkpoint 12, stage 4: FastLinearAlgebra.MatMul", FastLinearAlgebra.MatMul),
    ];

    /// <summary>The product called <paramref name="name"/>.</summary>
    public static Func<Matrix, Matrix, Matrix> Named(string name) =>
        All.FirstOrDefault(k => k.Name == name).Product
        ?? throw new ArgumentException($"There is no kernel \"{name}\"; the kernels are {string.Join(", ", All.Select(k => k.Name))}.", nameof(name));

    /// <summary>C[i, j] = Σₖ A[i, k]·B[k, j] in the i-j-k order, through the indexer: the baseline.</summary>
    public static Matrix Naive(Matrix a, Matrix b)
    {
        var c = new Matrix(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Cols; j++)
            {
                double sum = 0;
                for (int k = 0; k < a.Cols; k++)
                {
                    sum += a[i, k] * b[k, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary>
    /// C = A·B by the definition, in the i-k-j order on the arrays: the benchmarks' own answer to check
    /// every kernel against (checkpoint 1's may not be written yet).
    /// </summary>
    public static Matrix Definition(Matrix a, Matrix b)
    {
        var c = new Matrix(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int k = 0; k < a.Cols; k++)
            {
                double aik = a.Data[(i * a.Cols) + k];
                for (int j = 0; j < b.Cols; j++)
                {
                    c.Data[(i * b.Cols) + j] += aik * b.Data[(k * b.Cols) + j];
                }
            }
        }

        return c;
    }

    /// <summary>A rows x cols matrix of seeded numbers in [-1, 1].</summary>
    public static Matrix Random(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = (2 * random.NextDouble()) - 1;
        }

        return m;
    }
}
