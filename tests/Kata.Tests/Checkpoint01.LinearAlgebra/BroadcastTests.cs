namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(1)]
public sealed class BroadcastTests
{
    private const double Tolerance = 1e-12;

    [Grades("LinearAlgebra.AddRowVector")]
    [Test]
    public void AddRowVector_adds_the_vector_to_every_row()
    {
        var a = Matrix.FromRows([1, 2, 3], [4, 5, 6]);

        LinearAlgebra.AddRowVector(a, [10, 20, 30]).ShouldMatch(Matrix.FromRows([11, 22, 33], [14, 25, 36]), Tolerance);
    }

    [Grades("LinearAlgebra.AddRowVector")]
    [Test]
    public void AddRowVector_with_a_vector_of_the_wrong_length_is_rejected_naming_the_shape_and_the_length()
    {
        Action add = () => LinearAlgebra.AddRowVector(new Matrix(2, 3), [1, 2]);
        add.ShouldRejectWith(["AddRowVector", "2x3", "2"]);
    }

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_adds_up_each_column()
    {
        // Four rows and three columns, so that a vector with one entry per row cannot pass.
        var a = Matrix.FromRows([1, 2, 3], [4, 5, 6], [-1, 0, 0.5], [2, 2, 2]);

        LinearAlgebra.ColumnSums(a).ShouldBe([6, 9, 11.5], Tolerance);
    }

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_of_a_wide_matrix_has_one_sum_per_column()
    {
        double[] sums = LinearAlgebra.ColumnSums(Matrix.FromRows([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]));

        sums.Length.ShouldBe(5, "a 2x5 matrix has 5 columns, so ColumnSums gives 5 numbers (one per column, not one per row)");
        sums.ShouldBe([11, 22, 33, 44, 55], Tolerance);
    }

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_of_a_single_row_is_that_row()
    {
        LinearAlgebra.ColumnSums(Matrix.RowVector(3, -1, 2)).ShouldBe([3, -1, 2], Tolerance);
    }

    [Grades("LinearAlgebra.AddRowVector")]
    [Test]
    public void AddRowVector_does_not_change_its_inputs()
    {
        Matrix a = TestData.RandomMatrix(3, 4, seed: 31);
        Matrix before = a.Clone();
        double[] row = [1, 2, 3, 4];

        LinearAlgebra.AddRowVector(a, row);

        a.ShouldMatch(before, 0.0, "AddRowVector changed the matrix");
        row.ShouldBe([1, 2, 3, 4], "AddRowVector changed the vector");
    }

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_does_not_change_its_input()
    {
        Matrix a = TestData.RandomMatrix(3, 4, seed: 31);
        Matrix before = a.Clone();

        LinearAlgebra.ColumnSums(a);

        a.ShouldMatch(before, 0.0, "ColumnSums changed the matrix");
    }
}
