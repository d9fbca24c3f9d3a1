namespace Kata.Tests.Checkpoint12;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The contract of checkpoint 1's MatMul, which every stage of checkpoint 12 keeps: C = A·B entry by
/// entry, a new matrix of shape n x m, the inputs unchanged, shape errors naming both shapes. Each
/// stage runs these tests through its own fixture below (MatMulIkjTests … MatMulTests). The tests
/// check correctness only: how fast your code is, the benchmarks measure (checkpoints.md#12-make-it-fast).
/// </summary>
[Checkpoint(12)]
public abstract class ProductContractTests
{
    /// <summary>The stage under test, e.g. FastLinearAlgebra.MatMulSimd.</summary>
    protected abstract Matrix Multiply(Matrix a, Matrix b);

    /// <summary>What the shape error must name when <see cref="Multiply"/> is given a 4x3 and a 2x4 matrix.</summary>
    protected virtual string[] MismatchWords => ["MatMul", "4x3", "2x4"];

    [Test]
    public void Product_of_two_2x2_matrices_matches_the_hand_computed_product()
    {
        var a = Matrix.FromRows([1, 2], [3, 4]);
        var b = Matrix.FromRows([5, 6], [7, 8]);

        // [1·5 + 2·7, 1·6 + 2·8; 3·5 + 4·7, 3·6 + 4·8]; small integers are exact in float too.
        Multiply(a, b).ShouldMatch(Matrix.FromRows([19, 22], [43, 50]), 1e-12);
    }

    [Test]
    public void Product_of_two_1x1_matrices_is_the_product_of_their_entries()
    {
        Multiply(Matrix.FromRows([3]), Matrix.FromRows([-2.5])).ShouldMatch(Matrix.FromRows([-7.5]), 1e-12);
    }

    [Test]
    public void Product_of_a_row_vector_and_a_column_vector_is_their_dot_product_as_1x1()
    {
        Multiply(Matrix.RowVector(1, 2, 3, 4, 5), Matrix.ColumnVector(6, -7, 8, -9, 10)).ShouldMatch(Matrix.FromRows([30]), 1e-12);
    }

    [Test]
    public void Product_of_a_17x33_and_a_33x9_matrix_matches_the_definition()
    {
        ShouldMatchTheDefinition(17, 33, 9);
    }

    // Widths around 4, 8, 16 and 32: the lanes of Vector<double> and Vector512<float> and a 32-column
    // panel; a product whose remainder columns or rows are dropped or counted twice fails here.
    [TestCase(1, 1, 7)]
    [TestCase(2, 3, 8)]
    [TestCase(3, 5, 9)]
    [TestCase(5, 7, 15)]
    [TestCase(4, 16, 17)]
    [TestCase(7, 31, 33)]
    [TestCase(9, 13, 63)]
    [TestCase(11, 2, 65)]
    [TestCase(37, 40, 1)]
    public void Product_whose_sizes_are_not_multiples_of_the_vector_width_matches_the_definition(int n, int k, int m)
    {
        ShouldMatchTheDefinition(n, k, m);
    }

    [Test]
    public void Outer_product_of_a_column_and_a_row_matches_the_definition()
    {
        ShouldMatchTheDefinition(23, 1, 41);
    }

    // 301 > 256 steps of the shared dimension and 101 > 96 rows: a blocked product crosses its blocks.
    [Test]
    public void Product_larger_than_a_cache_block_matches_the_definition()
    {
        ShouldMatchTheDefinition(101, 301, 131);
    }

    [Test]
    public void Product_of_a_batch_of_64_images_and_a_784x128_weight_matrix_matches_the_definition()
    {
        ShouldMatchTheDefinition(64, 784, 128);
    }

    [Test]
    public void Mismatched_inner_dimensions_are_rejected_naming_both_shapes()
    {
        Action multiply = () => Multiply(new Matrix(4, 3), new Matrix(2, 4));
        multiply.ShouldRejectWith(MismatchWords);
    }

    [Test]
    public void The_product_does_not_change_its_inputs()
    {
        Matrix a = TestData.RandomMatrix(70, 45, seed: 1201), b = TestData.RandomMatrix(45, 50, seed: 1202);
        Matrix aBefore = a.Clone(), bBefore = b.Clone();

        Multiply(a, b);

        a.ShouldMatch(aBefore, 0.0, "the product changed its first argument");
        b.ShouldMatch(bBefore, 0.0, "the product changed its second argument");
    }

    [Test]
    public void A_small_product_after_a_large_one_starts_from_scratch()
    {
        // Buffers kept from one call to the next must be cleared or resized: nothing of the large
        // product may leak into the small one, and the same product twice gives the same result.
        Matrix a = TestData.RandomMatrix(101, 301, seed: 1203), b = TestData.RandomMatrix(301, 131, seed: 1204);
        Matrix first = Multiply(a, b);

        ShouldMatchTheDefinition(3, 4, 5);
        Multiply(a, b).ShouldMatch(first, 0.0, "the same product computed twice");
    }

    [Test]
    public void The_product_is_complete_when_the_call_returns()
    {
        // A copy taken the moment the call returns must already be the whole product: work handed to
        // another thread has to be finished (waited for) before the result is returned.
        Matrix a = ProductCases.Left(64, 784), b = ProductCases.Right(784, 128);
        for (int repeat = 0; repeat < 10; repeat++)
        {
            Matrix snapshot = Multiply(a, b).Clone();
            snapshot.ShouldMatch(ProductCases.Definition(64, 784, 128), ProductCases.Tolerance(64, 784, 128), $"a copy of the product taken as the call returned (call {repeat + 1})");
        }
    }

    [Test]
    public void Products_computed_on_four_threads_at_once_are_all_right()
    {
        // Like checkpoint 1's MatMul, a stage is a function of its inputs: no state shared between calls.
        (int N, int K, int M)[] shapes = [(64, 784, 128), (101, 301, 131), (130, 64, 90), (17, 33, 9)];
        var products = new Matrix[shapes.Length];
        Parallel.For(0, shapes.Length, s =>
        {
            (int n, int k, int m) = shapes[s];
            for (int repeat = 0; repeat < 3; repeat++)
            {
                products[s] = Multiply(ProductCases.Left(n, k), ProductCases.Right(k, m));
            }
        });

        for (int s = 0; s < shapes.Length; s++)
        {
            (int n, int k, int m) = shapes[s];
            products[s].ShouldMatch(ProductCases.Definition(n, k, m), ProductCases.Tolerance(n, k, m), $"the {n}x{k} · {k}x{m} product computed beside three others");
        }
    }

    /// <summary>
    /// Multiplies the seeded n x k and k x m matrices of <see cref="ProductCases"/> and compares the
    /// product with the definition within <see cref="ProductCases.Tolerance"/>.
    /// </summary>
    protected void ShouldMatchTheDefinition(int n, int k, int m) => ProductCases.ShouldMatchTheDefinition(Multiply, n, k, m);
}

/// <summary>Stage 1, loop order: <c>FastLinearAlgebra.MatMulIkj</c> keeps checkpoint 1's contract.</summary>
[Grades("FastLinearAlgebra.MatMulIkj")]
public sealed class MatMulIkjTests : ProductContractTests
{
    protected override Matrix Multiply(Matrix a, Matrix b) => FastLinearAlgebra.MatMulIkj(a, b);
}

/// <summary>Stage 2, SIMD: <c>FastLinearAlgebra.MatMulSimd</c> keeps checkpoint 1's contract.</summary>
[Grades("FastLinearAlgebra.MatMulSimd")]
public sealed class MatMulSimdTests : ProductContractTests
{
    protected override Matrix Multiply(Matrix a, Matrix b) => FastLinearAlgebra.MatMulSimd(a, b);
}

/// <summary>Stage 3, blocking and packing: <c>FastLinearAlgebra.MatMulBlocked</c> keeps checkpoint 1's contract.</summary>
[Grades("FastLinearAlgebra.MatMulBlocked")]
public sealed class MatMulBlockedTests : ProductContractTests
{
    protected override Matrix Multiply(Matrix a, Matrix b) => FastLinearAlgebra.MatMulBlocked(a, b);
}

/// <summary>Stage 4, two threads: <c>FastLinearAlgebra.MatMul</c>, the product a network can train with, keeps checkpoint 1's contract.</summary>
[Grades("FastLinearAlgebra.MatMul")]
public sealed class MatMulTests : ProductContractTests
{
    protected override Matrix Multiply(Matrix a, Matrix b) => FastLinearAlgebra.MatMul(a, b);
}
