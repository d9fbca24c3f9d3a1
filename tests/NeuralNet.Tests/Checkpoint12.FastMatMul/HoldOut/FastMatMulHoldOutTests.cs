namespace Kata.Tests.Checkpoint12.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests: shapes the visible tests do not use (a long shared dimension with one row and one
/// column, a shared dimension of one, blocks crossed in every direction, the shapes of a training
/// step), and integer matrices whose products every stage must get exactly, float or not.
/// </summary>
[Checkpoint(12)]
[HoldOut]
public sealed class FastMatMulHoldOutTests
{
    [Grades("FastLinearAlgebra.MatMulIkj")]
    [TestCase(1, 1000, 1)]
    [TestCase(33, 1, 65)]
    [TestCase(6, 32, 32)]
    public void MatMulIkj_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        ProductCases.ShouldMatchTheDefinition(FastLinearAlgebra.MatMulIkj, n, k, m);
    }

    [Grades("FastLinearAlgebra.MatMulSimd")]
    [TestCase(1, 1000, 1)]
    [TestCase(33, 1, 65)]
    [TestCase(19, 23, 127)]
    public void MatMulSimd_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        ProductCases.ShouldMatchTheDefinition(FastLinearAlgebra.MatMulSimd, n, k, m);
    }

    [Grades("FastLinearAlgebra.MatMulBlocked")]
    [TestCase(1, 1000, 1)]
    [TestCase(6, 32, 32)]
    [TestCase(193, 513, 97)]
    public void MatMulBlocked_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        ProductCases.ShouldMatchTheDefinition(FastLinearAlgebra.MatMulBlocked, n, k, m);
    }

    [Grades("FastLinearAlgebra.MatMul")]
    [TestCase(1, 1000, 1)]
    [TestCase(784, 64, 128)]
    [TestCase(64, 128, 5)]
    [TestCase(193, 513, 97)]
    public void MatMul_of_unseen_shapes_and_the_shapes_of_a_training_step_matches_the_definition(int n, int k, int m)
    {
        ProductCases.ShouldMatchTheDefinition(FastLinearAlgebra.MatMul, n, k, m);
    }

    [Grades("FastLinearAlgebra.MatMulIkj", "FastLinearAlgebra.MatMulSimd", "FastLinearAlgebra.MatMulBlocked", "FastLinearAlgebra.MatMul")]
    [Test]
    public void Every_stage_multiplies_integer_matrices_exactly()
    {
        // Entries from -3 to 3: every product and partial sum is an integer below 2²⁴, exact in float.
        var random = new Random(1299);
        Matrix a = new(70, 90), b = new(90, 45);
        foreach (Matrix m in (Matrix[])[a, b])
        {
            for (int i = 0; i < m.Data.Length; i++)
            {
                m.Data[i] = random.Next(-3, 4);
            }
        }

        Matrix expected = LinearAlgebraDefinition(a, b);
        FastLinearAlgebra.MatMulIkj(a, b).ShouldMatch(expected, 0.0, "MatMulIkj");
        FastLinearAlgebra.MatMulSimd(a, b).ShouldMatch(expected, 0.0, "MatMulSimd");
        FastLinearAlgebra.MatMulBlocked(a, b).ShouldMatch(expected, 0.0, "MatMulBlocked");
        FastLinearAlgebra.MatMul(a, b).ShouldMatch(expected, 0.0, "MatMul");
    }

    [Grades("FastLinearAlgebra.MatMul")]
    [Test]
    public void MatMul_rejects_mismatched_shapes_before_starting_any_thread()
    {
        Action multiply = () => FastLinearAlgebra.MatMul(new Matrix(300, 200), new Matrix(199, 300));
        multiply.ShouldRejectWith(["MatMul", "300x200", "199x300"]);
        FastLinearAlgebra.MatMul(Matrix.FromRows([2]), Matrix.FromRows([3])).Data.ShouldBe([6.0]);
    }

    private static Matrix LinearAlgebraDefinition(Matrix a, Matrix b)
    {
        var c = new Matrix(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Cols; j++)
            {
                for (int p = 0; p < a.Cols; p++)
                {
                    c[i, j] += a[i, p] * b[p, j];
                }
            }
        }

        return c;
    }
}
