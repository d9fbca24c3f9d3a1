namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(1)]
[Grades("LinearAlgebra.Transpose")]
public sealed class TransposeTests
{
    [Test]
    public void Transpose_of_a_2x3_matrix_is_3x2_with_rows_turned_into_columns()
    {
        var a = Matrix.FromRows([1, 2, 3], [4, 5, 6]);

        LinearAlgebra.Transpose(a).ShouldMatch(Matrix.FromRows([1, 4], [2, 5], [3, 6]), 0.0);
    }

    [Test]
    public void Transpose_of_a_square_matrix_mirrors_it_across_the_diagonal()
    {
        // A square matrix keeps its shape, but every entry off the diagonal moves: t[j, i] = a[i, j].
        var a = Matrix.FromRows([1, 2, 3], [4, 5, 6], [7, 8, 9]);

        LinearAlgebra.Transpose(a).ShouldMatch(
            Matrix.FromRows([1, 4, 7], [2, 5, 8], [3, 6, 9]), 0.0, "the shape stays 3x3, but row i becomes column i");
    }

    [Test]
    public void Transpose_of_a_row_vector_is_a_column_vector()
    {
        LinearAlgebra.Transpose(Matrix.RowVector(7, 8, 9)).ShouldMatch(Matrix.ColumnVector(7, 8, 9), 0.0);
    }

    [Test]
    public void Transpose_of_a_column_vector_is_a_row_vector()
    {
        LinearAlgebra.Transpose(Matrix.ColumnVector(7, 8, 9)).ShouldMatch(Matrix.RowVector(7, 8, 9), 0.0);
    }

    [Test]
    public void Transposing_twice_gives_back_the_original_matrix()
    {
        Matrix a = TestData.RandomMatrix(4, 7, seed: 21);

        LinearAlgebra.Transpose(LinearAlgebra.Transpose(a)).ShouldMatch(a, 0.0);
    }

    [Test]
    public void Transpose_does_not_change_its_input()
    {
        Matrix a = TestData.RandomMatrix(3, 5, seed: 22);
        Matrix before = a.Clone();

        LinearAlgebra.Transpose(a);

        a.ShouldMatch(before, 0.0, "Transpose changed its argument");
    }
}
