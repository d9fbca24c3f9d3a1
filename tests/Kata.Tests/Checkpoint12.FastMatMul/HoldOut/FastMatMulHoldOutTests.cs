namespace Kata.Tests.Checkpoint12.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests: every stage multiplies matrices drawn at grade time (<see cref="GradeTime"/>: a seed of
/// the submission's own) — shapes the visible tests do not use (a long shared dimension with one row and
/// one column, a shared dimension of one, blocks crossed in every direction, the shapes of a training
/// step), shapes drawn too, small ones and ones larger than the cache blocks (Mc = 96 rows, Kc = 256 steps
/// of the shared dimension, 32-column panels in the reference), and integer matrices whose products every
/// stage must get exactly, float or not. The product is compared with the definition computed here, in
/// double, within the visible tests' tolerance for a product computed in float.
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
        Random random = GradeTime.Random();
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMulIkj, GradeTime.Matrix(random, n, k), GradeTime.Matrix(random, k, m));
    }

    [Grades("FastLinearAlgebra.MatMulIkj")]
    [Test]
    public void MatMulIkj_of_drawn_small_shapes_matches_the_definition()
    {
        Random random = GradeTime.Random();
        for (int product = 0; product < 5; product++)
        {
            (Matrix a, Matrix b) = DrawFactors(random, SmallShape(random));
            ShouldMatchTheDefinition(FastLinearAlgebra.MatMulIkj, a, b);
        }
    }

    [Grades("FastLinearAlgebra.MatMulIkj")]
    [Test]
    public void MatMulIkj_of_drawn_shapes_larger_than_a_cache_block_matches_the_definition()
    {
        Random random = GradeTime.Random();
        (Matrix a, Matrix b) = DrawFactors(random, LargeShape(random));
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMulIkj, a, b);
    }

    [Grades("FastLinearAlgebra.MatMulSimd")]
    [TestCase(1, 1000, 1)]
    [TestCase(33, 1, 65)]
    [TestCase(19, 23, 127)]
    public void MatMulSimd_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        Random random = GradeTime.Random();
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMulSimd, GradeTime.Matrix(random, n, k), GradeTime.Matrix(random, k, m));
    }

    [Grades("FastLinearAlgebra.MatMulSimd")]
    [Test]
    public void MatMulSimd_of_drawn_small_shapes_matches_the_definition()
    {
        Random random = GradeTime.Random();
        for (int product = 0; product < 5; product++)
        {
            (Matrix a, Matrix b) = DrawFactors(random, SmallShape(random));
            ShouldMatchTheDefinition(FastLinearAlgebra.MatMulSimd, a, b);
        }
    }

    [Grades("FastLinearAlgebra.MatMulSimd")]
    [Test]
    public void MatMulSimd_of_drawn_shapes_larger_than_a_cache_block_matches_the_definition()
    {
        Random random = GradeTime.Random();
        (Matrix a, Matrix b) = DrawFactors(random, LargeShape(random));
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMulSimd, a, b);
    }

    [Grades("FastLinearAlgebra.MatMulBlocked")]
    [TestCase(1, 1000, 1)]
    [TestCase(6, 32, 32)]
    [TestCase(193, 513, 97)]
    public void MatMulBlocked_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        Random random = GradeTime.Random();
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMulBlocked, GradeTime.Matrix(random, n, k), GradeTime.Matrix(random, k, m));
    }

    [Grades("FastLinearAlgebra.MatMulBlocked")]
    [Test]
    public void MatMulBlocked_of_drawn_small_shapes_matches_the_definition()
    {
        Random random = GradeTime.Random();
        for (int product = 0; product < 5; product++)
        {
            (Matrix a, Matrix b) = DrawFactors(random, SmallShape(random));
            ShouldMatchTheDefinition(FastLinearAlgebra.MatMulBlocked, a, b);
        }
    }

    [Grades("FastLinearAlgebra.MatMulBlocked")]
    [Test]
    public void MatMulBlocked_of_drawn_shapes_larger_than_a_cache_block_matches_the_definition()
    {
        Random random = GradeTime.Random();
        (Matrix a, Matrix b) = DrawFactors(random, LargeShape(random));
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMulBlocked, a, b);
    }

    [Grades("FastLinearAlgebra.MatMul")]
    [TestCase(1, 1000, 1)]
    [TestCase(784, 64, 128)]
    [TestCase(64, 128, 5)]
    [TestCase(193, 513, 97)]
    public void MatMul_of_unseen_shapes_and_the_shapes_of_a_training_step_matches_the_definition(int n, int k, int m)
    {
        Random random = GradeTime.Random();
        ShouldMatchTheDefinition(FastLinearAlgebra.MatMul, GradeTime.Matrix(random, n, k), GradeTime.Matrix(random, k, m));
    }

    [Grades("FastLinearAlgebra.MatMul")]
    [Test]
    public void MatMul_of_drawn_small_shapes_matches_the_definition()
    {
        Random random = GradeTime.Random();
        for (int product = 0; product < 5; product++)
        {
            (Matrix a, Matrix b) = DrawFactors(random, SmallShape(random));
            ShouldMatchTheDefinition(FastLinearAlgebra.MatMul, a, b);
        }
    }

    [Grades("FastLinearAlgebra.MatMul")]
    [Test]
    public void MatMul_of_drawn_shapes_large_enough_for_two_threads_matches_the_definition()
    {
        // At least 97 · 257 · 33 ≈ 820,000 multiply-adds: the reference splits anything above 100,000 over two threads.
        Random random = GradeTime.Random();
        for (int product = 0; product < 2; product++)
        {
            (Matrix a, Matrix b) = DrawFactors(random, LargeShape(random));
            ShouldMatchTheDefinition(FastLinearAlgebra.MatMul, a, b);
        }
    }

    [Grades("FastLinearAlgebra.MatMulIkj", "FastLinearAlgebra.MatMulSimd", "FastLinearAlgebra.MatMulBlocked", "FastLinearAlgebra.MatMul")]
    [Test]
    public void Every_stage_multiplies_drawn_integer_matrices_exactly()
    {
        // Entries from −3 to 3 and a shared dimension up to 300: every product and partial sum is an integer
        // below 2²⁴ in magnitude, exact in float.
        Random random = GradeTime.Random();
        (int n, int k, int m) = (GradeTime.Between(random, 40, 110), GradeTime.Between(random, 60, 300), GradeTime.Between(random, 20, 90));
        Matrix a = new(n, k), b = new(k, m);
        foreach (Matrix factor in (Matrix[])[a, b])
        {
            for (int i = 0; i < factor.Data.Length; i++)
            {
                factor.Data[i] = GradeTime.Between(random, -3, 3);
            }
        }

        (Matrix expected, _) = Definition(a, b);
        string shapes = $"{a.Shape} · {b.Shape}, whole numbers from −3 to 3";
        FastLinearAlgebra.MatMulIkj(a.Clone(), b.Clone()).ShouldMatch(expected, 0.0, $"MatMulIkj of {shapes}");
        FastLinearAlgebra.MatMulSimd(a.Clone(), b.Clone()).ShouldMatch(expected, 0.0, $"MatMulSimd of {shapes}");
        FastLinearAlgebra.MatMulBlocked(a.Clone(), b.Clone()).ShouldMatch(expected, 0.0, $"MatMulBlocked of {shapes}");
        FastLinearAlgebra.MatMul(a.Clone(), b.Clone()).ShouldMatch(expected, 0.0, $"MatMul of {shapes}");
    }

    [Grades("FastLinearAlgebra.MatMul")]
    [Test]
    public void MatMul_rejects_mismatched_shapes_before_starting_any_thread()
    {
        Action multiply = () => FastLinearAlgebra.MatMul(new Matrix(300, 200), new Matrix(199, 300));
        multiply.ShouldRejectWith(["MatMul", "300x200", "199x300"]);
        FastLinearAlgebra.MatMul(Matrix.FromRows([2]), Matrix.FromRows([3])).Data.ShouldBe([6.0]);
    }

    // n, k and m from 1 to 70: around the 4, 8, 16 and 32 lanes and panels, with remainders of every size.
    private static (int N, int K, int M) SmallShape(Random random) =>
        (GradeTime.Between(random, 1, 70), GradeTime.Between(random, 1, 70), GradeTime.Between(random, 1, 70));

    // More rows than a 96-row block, a shared dimension longer than 256 and more columns than a 32-column panel.
    private static (int N, int K, int M) LargeShape(Random random) =>
        (GradeTime.Between(random, 97, 200), GradeTime.Between(random, 257, 520), GradeTime.Between(random, 33, 140));

    private static (Matrix A, Matrix B) DrawFactors(Random random, (int N, int K, int M) shape) =>
        (GradeTime.Matrix(random, shape.N, shape.K), GradeTime.Matrix(random, shape.K, shape.M));

    // The definition is computed first, from copies of the factors; the tolerance is the visible tests'
    // (ProductCases.Tolerance): 1e-4 times the largest Σₚ |A[i, p]·B[p, j]|, what float rounding can reach.
    private static void ShouldMatchTheDefinition(Func<Matrix, Matrix, Matrix> multiply, Matrix a, Matrix b)
    {
        (Matrix expected, double largestAbsoluteSum) = Definition(a.Clone(), b.Clone());

        Matrix product = multiply(a, b);

        product.ShouldMatch(expected, 1e-4 * largestAbsoluteSum, $"the {a.Shape} · {b.Shape} product of drawn matrices");
    }

    // C[i, j] = Σₚ A[i, p]·B[p, j] in double, and the largest Σₚ |A[i, p]·B[p, j]|.
    private static (Matrix Product, double LargestAbsoluteSum) Definition(Matrix a, Matrix b)
    {
        int n = a.Rows, k = a.Cols, m = b.Cols;
        var c = new Matrix(n, m);
        var absolute = new double[n * m];
        double[] left = a.Data, right = b.Data, result = c.Data;
        for (int i = 0; i < n; i++)
        {
            for (int p = 0; p < k; p++)
            {
                double aip = left[(i * k) + p];
                for (int j = 0; j < m; j++)
                {
                    double term = aip * right[(p * m) + j];
                    result[(i * m) + j] += term;
                    absolute[(i * m) + j] += Math.Abs(term);
                }
            }
        }

        return (c, absolute.DefaultIfEmpty(0).Max());
    }
}
