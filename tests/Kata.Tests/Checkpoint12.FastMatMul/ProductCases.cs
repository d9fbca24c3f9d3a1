using System.Collections.Concurrent;

namespace Kata.Tests.Checkpoint12;

using Kata.TestSupport;

/// <summary>
/// The seeded products the checkpoint-12 tests multiply, the definition they are compared with and
/// the tolerance a product computed in float must meet.
/// </summary>
internal static class ProductCases
{
    /// <summary>
    /// Multiplies the seeded n x k and k x m matrices with <paramref name="multiply"/> and compares the
    /// product with the definition C[i, j] = Σₚ A[i, p]·B[p, j], computed here in double, within
    /// <see cref="Tolerance"/>.
    /// </summary>
    public static void ShouldMatchTheDefinition(Func<Matrix, Matrix, Matrix> multiply, int n, int k, int m)
    {
        multiply(Left(n, k), Right(k, m)).ShouldMatch(Definition(n, k, m), Tolerance(n, k, m), $"the {n}x{k} · {k}x{m} product");
    }

    /// <summary>
    /// The tolerance for a product of the seeded matrices: a stage may compute in float (checkpoints.md
    /// explains why). A float keeps 24 significant bits, and each of the k additions of a dot product
    /// may round by 2⁻²⁴ of the running sum, so the error of C[i, j] is at most about
    /// k · 2⁻²⁴ · Σₚ |A[i, p]·B[p, j]| — below 1e-4 · Σₚ |A[i, p]·B[p, j]| for k up to 1,600. In double
    /// the error is a billion times smaller. A dropped or doubled term is off by about 1, far more.
    /// </summary>
    public static double Tolerance(int n, int k, int m) => 1e-4 * AbsoluteSums.GetOrAdd((n, k, m), _ =>
    {
        Matrix a = Left(n, k), b = Right(k, m);
        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += Math.Abs(a.Data[(i * k) + p] * b.Data[(p * m) + j]);
                }

                largest = Math.Max(largest, sum);
            }
        }

        return largest;
    });

    /// <summary>The seeded left factor of shape n x k (entries in [-2, 2]).</summary>
    public static Matrix Left(int n, int k) => TestData.RandomMatrix(n, k, seed: 1000 + (n * 31) + k);

    /// <summary>The seeded right factor of shape k x m (entries in [-2, 2]).</summary>
    public static Matrix Right(int k, int m) => TestData.RandomMatrix(k, m, seed: 2000 + (k * 37) + m);

    /// <summary>Left(n, k) · Right(k, m) by the definition, in double, computed once per shape.</summary>
    public static Matrix Definition(int n, int k, int m) => Definitions.GetOrAdd((n, k, m), _ =>
    {
        Matrix a = Left(n, k), b = Right(k, m);
        var c = new Matrix(n, m);
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < k; p++)
            {
                double aip = a.Data[(i * k) + p];
                for (int j = 0; j < m; j++)
                {
                    c.Data[(i * m) + j] += aip * b.Data[(p * m) + j];
                }
            }
        }

        return c;
    });

    /// <summary>The transpose of <paramref name="m"/>, made here (no learner code): row i becomes column i.</summary>
    public static Matrix Transpose(Matrix m)
    {
        var t = new Matrix(m.Cols, m.Rows);
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Cols; j++)
            {
                t.Data[(j * m.Rows) + i] = m.Data[(i * m.Cols) + j];
            }
        }

        return t;
    }

    private static readonly ConcurrentDictionary<(int, int, int), Matrix> Definitions = new();
    private static readonly ConcurrentDictionary<(int, int, int), double> AbsoluteSums = new();
}
