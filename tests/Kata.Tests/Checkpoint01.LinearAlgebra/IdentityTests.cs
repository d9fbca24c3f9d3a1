namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>Laws every correct implementation obeys, checked on seeded random matrices.</summary>
[Checkpoint(1)]
public sealed class IdentityTests
{
    private const double Tolerance = 1e-10;

    [Grades("LinearAlgebra.MatMul")]
    [TestCase(1, 1)]
    [TestCase(3, 5)]
    [TestCase(6, 2)]
    public void Multiplying_by_the_identity_changes_nothing(int rows, int cols)
    {
        Matrix a = TestData.RandomMatrix(rows, cols, seed: (rows * 10) + cols);

        LinearAlgebra.MatMul(a, Matrix.Identity(cols)).ShouldMatch(a, Tolerance, "A·I should be A");
        LinearAlgebra.MatMul(Matrix.Identity(rows), a).ShouldMatch(a, Tolerance, "I·A should be A");
    }

    [Grades("LinearAlgebra.MatMul", "LinearAlgebra.Transpose")]
    [TestCase(2, 3, 4)]
    [TestCase(5, 1, 3)]
    [TestCase(1, 7, 1)]
    [TestCase(3, 3, 3)]
    public void The_transpose_of_a_product_is_the_product_of_the_transposes_in_reverse_order(int n, int k, int m)
    {
        Matrix a = TestData.RandomMatrix(n, k, seed: 41), b = TestData.RandomMatrix(k, m, seed: 42);

        Matrix left = LinearAlgebra.Transpose(LinearAlgebra.MatMul(a, b));
        Matrix right = LinearAlgebra.MatMul(LinearAlgebra.Transpose(b), LinearAlgebra.Transpose(a));

        left.ShouldMatch(right, Tolerance, "(AB)ᵀ should equal BᵀAᵀ");
    }

    [Grades("LinearAlgebra.MatMul")]
    [TestCase(2, 3, 4, 5)]
    [TestCase(4, 1, 6, 2)]
    public void Matrix_multiplication_is_associative(int n, int k, int m, int p)
    {
        Matrix a = TestData.RandomMatrix(n, k, seed: 51), b = TestData.RandomMatrix(k, m, seed: 52), c = TestData.RandomMatrix(m, p, seed: 53);

        Matrix left = LinearAlgebra.MatMul(LinearAlgebra.MatMul(a, b), c);
        Matrix right = LinearAlgebra.MatMul(a, LinearAlgebra.MatMul(b, c));

        left.ShouldMatch(right, Tolerance, "(AB)C should equal A(BC)");
    }

    [Grades("LinearAlgebra.MatMul")]
    [Test]
    public void Each_entry_of_a_product_is_the_dot_product_of_a_row_and_a_column()
    {
        // Row i of a dotted with column j of b, worked out here (so that only MatMul is graded).
        Matrix a = TestData.RandomMatrix(3, 4, seed: 61), b = TestData.RandomMatrix(4, 5, seed: 62);
        var expected = new Matrix(3, 5);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double[] column = [.. Enumerable.Range(0, 4).Select(k => b[k, j])];
                expected[i, j] = a.Row(i).ToArray().Zip(column, (x, y) => x * y).Sum();
            }
        }

        LinearAlgebra.MatMul(a, b).ShouldMatch(expected, Tolerance);
    }
}
