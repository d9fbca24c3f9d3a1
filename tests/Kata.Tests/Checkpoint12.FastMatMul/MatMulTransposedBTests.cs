namespace Kata.Tests.Checkpoint12;

using Kata.TestSupport;
using NUnit.Framework;

/// <summary>
/// Beyond the product: A·Bᵀ with B given as it lies. Every case of the product's contract runs through it
/// (the test hands MatMulTransposedB the transpose of the contract's B, made here), plus a product worked
/// out by hand and the inputs left unchanged.
/// </summary>
[Grades("FastLinearAlgebra.MatMulTransposedB")]
public sealed class MatMulTransposedBTests : ProductContractTests
{
    protected override string[] MismatchWords => ["MatMulTransposedB", "4x3", "4x2"];

    [Test]
    public void MatMulTransposedB_multiplies_the_rows_of_A_with_the_rows_of_B()
    {
        // A is 2x3, B is 2x3: C[i, j] = Σₚ A[i, p]·B[j, p]. C[0, 0] = 1 + 3 = 4, C[0, 1] = 2 + 3 = 5,
        // C[1, 0] = 4 + 6 = 10, C[1, 1] = 5 + 6 = 11.
        var a = Matrix.FromRows([1, 2, 3], [4, 5, 6]);
        var b = Matrix.FromRows([1, 0, 1], [0, 1, 1]);

        FastLinearAlgebra.MatMulTransposedB(a, b).ShouldMatch(Matrix.FromRows([4, 5], [10, 11]), 1e-12);
    }

    [Test]
    public void MatMulTransposedB_does_not_change_its_inputs()
    {
        Matrix a = TestData.RandomMatrix(70, 45, seed: 1213), b = TestData.RandomMatrix(50, 45, seed: 1214);
        Matrix aBefore = a.Clone(), bBefore = b.Clone();

        FastLinearAlgebra.MatMulTransposedB(a, b);

        a.ShouldMatch(aBefore, 0.0, "MatMulTransposedB changed its first argument");
        b.ShouldMatch(bBefore, 0.0, "MatMulTransposedB changed its second argument");
    }

    protected override Matrix Multiply(Matrix a, Matrix b) => FastLinearAlgebra.MatMulTransposedB(a, ProductCases.Transpose(b));
}
