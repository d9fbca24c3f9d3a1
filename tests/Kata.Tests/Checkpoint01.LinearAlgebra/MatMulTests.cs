namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(1)]
[Grades("LinearAlgebra.MatMul")]
public sealed class MatMulTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void MatMul_of_two_2x2_matrices_matches_the_hand_computed_product()
    {
        var a = Matrix.FromRows([1, 2], [3, 4]);
        var b = Matrix.FromRows([5, 6], [7, 8]);

        // [1·5 + 2·7, 1·6 + 2·8; 3·5 + 4·7, 3·6 + 4·8]
        LinearAlgebra.MatMul(a, b).ShouldMatch(Matrix.FromRows([19, 22], [43, 50]), Tolerance);
    }

    [Test]
    public void MatMul_of_a_2x3_and_a_3x2_matrix_is_2x2()
    {
        var a = Matrix.FromRows([1, 0, 2], [-1, 3, 1]);
        var b = Matrix.FromRows([3, 1], [2, 1], [1, 0]);

        LinearAlgebra.MatMul(a, b).ShouldMatch(Matrix.FromRows([5, 1], [4, 2]), Tolerance);
    }

    [Test]
    public void MatMul_of_a_3x2_and_a_2x3_matrix_is_3x3()
    {
        var a = Matrix.FromRows([3, 1], [2, 1], [1, 0]);
        var b = Matrix.FromRows([1, 0, 2], [-1, 3, 1]);

        LinearAlgebra.MatMul(a, b).ShouldMatch(Matrix.FromRows([2, 3, 7], [1, 3, 5], [1, 0, 2]), Tolerance);
    }

    [Test]
    public void MatMul_of_a_row_vector_and_a_column_vector_is_their_dot_product_as_1x1()
    {
        var row = Matrix.RowVector(1, 2, 3);
        var column = Matrix.ColumnVector(4, 5, 6);

        LinearAlgebra.MatMul(row, column).ShouldMatch(Matrix.FromRows([32]), Tolerance);
    }

    [Test]
    public void MatMul_of_a_column_vector_and_a_row_vector_is_their_outer_product()
    {
        var column = Matrix.ColumnVector(1, 2, 3);
        var row = Matrix.RowVector(4, 5);

        LinearAlgebra.MatMul(column, row).ShouldMatch(Matrix.FromRows([4, 5], [8, 10], [12, 15]), Tolerance);
    }

    [Test]
    public void MatMul_of_a_1x3_row_and_a_3x2_matrix_is_a_1x2_row()
    {
        var row = Matrix.RowVector(1, -1, 2);
        var b = Matrix.FromRows([1, 2], [3, 4], [5, 6]);

        LinearAlgebra.MatMul(row, b).ShouldMatch(Matrix.FromRows([8, 10]), Tolerance);
    }

    [Test]
    public void MatMul_with_mismatched_inner_dimensions_is_rejected_naming_both_shapes()
    {
        var a = new Matrix(2, 3);
        var b = new Matrix(2, 3);

        Action multiply = () => LinearAlgebra.MatMul(a, b);
        multiply.ShouldRejectWith(["MatMul", "2x3"]);
    }

    [Test]
    public void MatMul_of_a_4x3_and_a_2x4_matrix_is_rejected_naming_both_shapes()
    {
        Action multiply = () => LinearAlgebra.MatMul(new Matrix(4, 3), new Matrix(2, 4));
        multiply.ShouldRejectWith(["MatMul", "4x3", "2x4"]);
    }

    [Test]
    public void MatMul_does_not_change_its_inputs()
    {
        Matrix a = TestData.RandomMatrix(3, 4, seed: 11), b = TestData.RandomMatrix(4, 2, seed: 12);
        Matrix aBefore = a.Clone(), bBefore = b.Clone();

        LinearAlgebra.MatMul(a, b);

        a.ShouldMatch(aBefore, 0.0, "MatMul changed its first argument");
        b.ShouldMatch(bBefore, 0.0, "MatMul changed its second argument");
    }
}
