namespace Kata.Tests.Checkpoint12;

using Kata.TestSupport;
using NUnit.Framework;

/// <summary>
/// Beyond the product: Aᵀ·B with A given as it lies. Every case of the product's contract runs through it
/// — the test hands MatMulTransposedA the transpose of the contract's A, made here, so Aᵀ·B is the
/// contract's A·B — plus a product worked out by hand and the inputs left unchanged.
/// </summary>
[Grades("FastLinearAlgebra.MatMulTransposedA")]
public sealed class MatMulTransposedATests : ProductContractTests
{
    protected override string[] MismatchWords => ["MatMulTransposedA", "3x4", "2x4"];

    [Test]
    public void MatMulTransposedA_multiplies_the_columns_of_A_with_the_columns_of_B()
    {
        // A is 3x2, B is 3x2: C[i, j] = Σₚ A[p, i]·B[p, j]. C[0, 0] = 1·1 + 3·0 + 5·1 = 6, C[0, 1] = 1·0 + 3·1 + 5·1 = 8,
        // C[1, 0] = 2·1 + 4·0 + 6·1 = 8, C[1, 1] = 2·0 + 4·1 + 6·1 = 10.
        var a = Matrix.FromRows([1, 2], [3, 4], [5, 6]);
        var b = Matrix.FromRows([1, 0], [0, 1], [1, 1]);

        FastLinearAlgebra.MatMulTransposedA(a, b).ShouldMatch(Matrix.FromRows([6, 8], [8, 10]), 1e-12);
    }

    [Test]
    public void MatMulTransposedA_does_not_change_its_inputs()
    {
        Matrix a = TestData.RandomMatrix(45, 70, seed: 1211), b = TestData.RandomMatrix(45, 50, seed: 1212);
        Matrix aBefore = a.Clone(), bBefore = b.Clone();

        FastLinearAlgebra.MatMulTransposedA(a, b);

        a.ShouldMatch(aBefore, 0.0, "MatMulTransposedA changed its first argument");
        b.ShouldMatch(bBefore, 0.0, "MatMulTransposedA changed its second argument");
    }

    protected override Matrix Multiply(Matrix a, Matrix b) => FastLinearAlgebra.MatMulTransposedA(ProductCases.Transpose(a), b);
}
