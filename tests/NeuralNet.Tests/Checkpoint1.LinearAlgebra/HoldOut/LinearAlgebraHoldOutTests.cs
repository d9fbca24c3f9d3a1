namespace Kata.Tests.Checkpoint1.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests: shapes and seeds the visible tests do not use, so an implementation tuned to the
/// visible cases is caught. Learners never see this folder (the release export removes it).
/// </summary>
[Checkpoint(1)]
[HoldOut]
public sealed class LinearAlgebraHoldOutTests
{
    private const double Tolerance = 1e-10;

    [Grades("LinearAlgebra.MatMul")]
    [TestCase(8, 13, 9)]
    [TestCase(1, 1, 1)]
    [TestCase(17, 2, 1)]
    public void MatMul_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        Matrix a = TestData.RandomMatrix(n, k, seed: 1000 + n), b = TestData.RandomMatrix(k, m, seed: 2000 + m);
        var expected = new Matrix(n, m);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                for (int p = 0; p < k; p++)
                {
                    expected[i, j] += a[i, p] * b[p, j];
                }
            }
        }

        LinearAlgebra.MatMul(a, b).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.Transpose")]
    [Test]
    public void Transpose_of_a_1x1_matrix_is_itself()
    {
        LinearAlgebra.Transpose(Matrix.FromRows([-4.5])).ShouldMatch(Matrix.FromRows([-4.5]), 0.0);
    }

    [Grades("LinearAlgebra.AddRowVector")]
    [Test]
    public void AddRowVector_works_on_a_single_column() =>
        LinearAlgebra.AddRowVector(Matrix.ColumnVector(1, 2, 3), [10]).ShouldMatch(Matrix.ColumnVector(11, 12, 13), Tolerance);

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_works_on_a_single_column() =>
        LinearAlgebra.ColumnSums(Matrix.ColumnVector(1, 2, 3)).ShouldBe([6.0], Tolerance);

    [Grades("LinearAlgebra.Dot")]
    [Test]
    public void Dot_of_long_vectors_matches_the_sum_of_products()
    {
        double[] a = TestData.RandomVector(1000, seed: 3001), b = TestData.RandomVector(1000, seed: 3002);

        LinearAlgebra.Dot(a, b).ShouldBe(a.Zip(b, (x, y) => x * y).Sum(), 1e-9);
    }

    [Grades("LinearAlgebra.Scale")]
    [Test]
    public void Scale_by_zero_gives_zeros_of_the_same_shape()
    {
        LinearAlgebra.Scale(TestData.RandomMatrix(3, 2, seed: 3003), 0.0).ShouldMatch(new Matrix(3, 2), 0.0);
    }
}
