namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(1)]
public sealed class ElementWiseTests
{
    private const double Tolerance = 1e-12;
    private static readonly Matrix A = Matrix.FromRows([1, -2, 3], [4, 5, -6]);
    private static readonly Matrix B = Matrix.FromRows([10, 20, 30], [0.5, -1, 2]);

    [Grades("LinearAlgebra.Add")]
    [Test]
    public void Add_adds_matching_entries()
    {
        LinearAlgebra.Add(A, B).ShouldMatch(Matrix.FromRows([11, 18, 33], [4.5, 4, -4]), Tolerance);
    }

    [Grades("LinearAlgebra.Subtract")]
    [Test]
    public void Subtract_subtracts_matching_entries()
    {
        LinearAlgebra.Subtract(A, B).ShouldMatch(Matrix.FromRows([-9, -22, -27], [3.5, 6, -8]), Tolerance);
    }

    [Grades("LinearAlgebra.Hadamard")]
    [Test]
    public void Hadamard_multiplies_matching_entries()
    {
        LinearAlgebra.Hadamard(A, B).ShouldMatch(Matrix.FromRows([10, -40, 90], [2, -5, -12]), Tolerance);
    }

    [Grades("LinearAlgebra.Scale")]
    [Test]
    public void Scale_multiplies_every_entry_by_the_factor()
    {
        LinearAlgebra.Scale(A, -0.5).ShouldMatch(Matrix.FromRows([-0.5, 1, -1.5], [-2, -2.5, 3]), Tolerance);
    }

    [Grades("LinearAlgebra.Add")]
    [Test]
    public void Add_rejects_matrices_of_different_shapes_naming_both() =>
        RejectsDifferentShapes("Add", LinearAlgebra.Add);

    [Grades("LinearAlgebra.Subtract")]
    [Test]
    public void Subtract_rejects_matrices_of_different_shapes_naming_both() =>
        RejectsDifferentShapes("Subtract", LinearAlgebra.Subtract);

    [Grades("LinearAlgebra.Hadamard")]
    [Test]
    public void Hadamard_rejects_matrices_of_different_shapes_naming_both() =>
        RejectsDifferentShapes("Hadamard", LinearAlgebra.Hadamard);

    // One test per method: a method earns its points when all of its own tests pass, so no test of Add
    // should fail because Scale loops.
    [Grades("LinearAlgebra.Add")]
    [Test]
    public void Add_does_not_change_its_inputs() => LeavesInputsAlone("Add", LinearAlgebra.Add);

    [Grades("LinearAlgebra.Subtract")]
    [Test]
    public void Subtract_does_not_change_its_inputs() => LeavesInputsAlone("Subtract", LinearAlgebra.Subtract);

    [Grades("LinearAlgebra.Hadamard")]
    [Test]
    public void Hadamard_does_not_change_its_inputs() => LeavesInputsAlone("Hadamard", LinearAlgebra.Hadamard);

    [Grades("LinearAlgebra.Scale")]
    [Test]
    public void Scale_does_not_change_its_input() => LeavesInputsAlone("Scale", (a, _) => LinearAlgebra.Scale(a, 3));

    private static void LeavesInputsAlone(string operation, Func<Matrix, Matrix, Matrix> op)
    {
        Matrix a = A.Clone(), b = B.Clone();

        op(a, b);

        a.ShouldMatch(A, 0.0, $"{operation} changed its first argument");
        b.ShouldMatch(B, 0.0, $"{operation} changed its second argument");
    }

    // Shapes that differ in both dimensions, in the columns only and in the rows only: checking one
    // dimension is not enough.
    private static void RejectsDifferentShapes(string operation, Func<Matrix, Matrix, Matrix> op)
    {
        foreach ((int rows, int cols) in new[] { (3, 2), (2, 4), (1, 3) })
        {
            var a = new Matrix(2, 3);
            var b = new Matrix(rows, cols);
            Action apply = () => op(a, b);
            apply.ShouldRejectWith([operation, "2x3", b.Shape]);
        }
    }
}
