namespace Kata.Tests.Checkpoint01.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests: shapes and numbers drawn at grade time (<see cref="GradeTime"/>: a seed of the
/// submission's own), with the expected value computed here from the definition, before the learner's
/// method is called. An implementation tuned to the visible cases, or one that answers from a table, is
/// caught. Learners never see this folder (the release export removes it).
/// </summary>
[Checkpoint(1)]
[HoldOut]
public sealed class LinearAlgebraHoldOutTests
{
    private const double Tolerance = 1e-10;

    [Grades("LinearAlgebra.MatMul")]
    [TestCase(8, 13, 9)]
    [TestCase(1, 1, 1)]
    [TestCase(17, 2, 1)]
    public void MatMul_of_unseen_shapes_matches_the_definition(int n, int k, int m)
    {
        Random random = GradeTime.Random();
        Matrix a = GradeTime.Matrix(random, n, k), b = GradeTime.Matrix(random, k, m);
        var expected = new Matrix(n, m);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                for (int p = 0; p < k; p++)
                {
                    expected[i, j] += a[i, p] * b[p, j];
                }
            }
        }

        LinearAlgebra.MatMul(a, b).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.MatMul")]
    [Test]
    public void MatMul_of_drawn_shapes_matches_the_definition()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 12), k = GradeTime.Between(random, 1, 12), m = GradeTime.Between(random, 1, 12);
        Matrix a = GradeTime.Matrix(random, n, k), b = GradeTime.Matrix(random, k, m);
        Matrix expected = Expected(n, m, (i, j) => Enumerable.Range(0, k).Sum(p => a[i, p] * b[p, j]));

        LinearAlgebra.MatMul(a, b).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.Transpose")]
    [Test]
    public void Transpose_of_a_1x1_matrix_is_itself()
    {
        LinearAlgebra.Transpose(Matrix.FromRows([-4.5])).ShouldMatch(Matrix.FromRows([-4.5]), 0.0);
    }

    [Grades("LinearAlgebra.Transpose")]
    [Test]
    public void Transpose_of_a_drawn_matrix_swaps_rows_and_columns()
    {
        Random random = GradeTime.Random();
        Matrix a = GradeTime.Matrix(random, GradeTime.Between(random, 1, 9), GradeTime.Between(random, 1, 9));
        Matrix expected = Expected(a.Cols, a.Rows, (i, j) => a[j, i]);

        LinearAlgebra.Transpose(a).ShouldMatch(expected, 0.0);
    }

    [Grades("LinearAlgebra.Add")]
    [Test]
    public void Add_of_drawn_matrices_adds_matching_entries()
    {
        (Matrix a, Matrix b) = DrawPair(GradeTime.Random());
        Matrix expected = Expected(a.Rows, a.Cols, (i, j) => a[i, j] + b[i, j]);

        LinearAlgebra.Add(a, b).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.Subtract")]
    [Test]
    public void Subtract_of_drawn_matrices_subtracts_matching_entries()
    {
        (Matrix a, Matrix b) = DrawPair(GradeTime.Random());
        Matrix expected = Expected(a.Rows, a.Cols, (i, j) => a[i, j] - b[i, j]);

        LinearAlgebra.Subtract(a, b).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.Hadamard")]
    [Test]
    public void Hadamard_of_drawn_matrices_multiplies_matching_entries()
    {
        (Matrix a, Matrix b) = DrawPair(GradeTime.Random());
        Matrix expected = Expected(a.Rows, a.Cols, (i, j) => a[i, j] * b[i, j]);

        LinearAlgebra.Hadamard(a, b).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.Scale")]
    [Test]
    public void Scale_by_zero_gives_zeros_of_the_same_shape()
    {
        LinearAlgebra.Scale(GradeTime.Matrix(GradeTime.Random(), 3, 2), 0.0).ShouldMatch(new Matrix(3, 2), 0.0);
    }

    [Grades("LinearAlgebra.Scale")]
    [Test]
    public void Scale_of_a_drawn_matrix_by_a_drawn_factor_multiplies_every_entry()
    {
        Random random = GradeTime.Random();
        Matrix a = GradeTime.Matrix(random, GradeTime.Between(random, 1, 8), GradeTime.Between(random, 1, 8));
        double factor = GradeTime.Number(random, -3, 3);
        Matrix expected = Expected(a.Rows, a.Cols, (i, j) => a[i, j] * factor);

        LinearAlgebra.Scale(a, factor).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.AddRowVector")]
    [Test]
    public void AddRowVector_works_on_a_single_column() =>
        LinearAlgebra.AddRowVector(Matrix.ColumnVector(1, 2, 3), [10]).ShouldMatch(Matrix.ColumnVector(11, 12, 13), Tolerance);

    [Grades("LinearAlgebra.AddRowVector")]
    [Test]
    public void AddRowVector_adds_a_drawn_vector_to_every_row_of_a_drawn_matrix()
    {
        Random random = GradeTime.Random();
        Matrix a = GradeTime.Matrix(random, GradeTime.Between(random, 1, 8), GradeTime.Between(random, 1, 8));
        double[] row = GradeTime.Vector(random, a.Cols);
        Matrix expected = Expected(a.Rows, a.Cols, (i, j) => a[i, j] + row[j]);

        LinearAlgebra.AddRowVector(a, row).ShouldMatch(expected, Tolerance);
    }

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_works_on_a_single_column() =>
        LinearAlgebra.ColumnSums(Matrix.ColumnVector(1, 2, 3)).ShouldBe([6.0], Tolerance);

    [Grades("LinearAlgebra.ColumnSums")]
    [Test]
    public void ColumnSums_of_a_drawn_matrix_adds_up_each_column()
    {
        Random random = GradeTime.Random();
        Matrix a = GradeTime.Matrix(random, GradeTime.Between(random, 1, 9), GradeTime.Between(random, 1, 9));
        double[] expected = [.. Enumerable.Range(0, a.Cols).Select(j => Enumerable.Range(0, a.Rows).Sum(i => a[i, j]))];

        LinearAlgebra.ColumnSums(a).ShouldBe(expected, Tolerance);
    }

    [Grades("LinearAlgebra.Dot")]
    [Test]
    public void Dot_of_long_drawn_vectors_matches_the_sum_of_products()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 500, 1500);
        double[] a = GradeTime.Vector(random, n), b = GradeTime.Vector(random, n);
        double expected = a.Zip(b, (x, y) => x * y).Sum();

        LinearAlgebra.Dot(a, b).ShouldBe(expected, 1e-9);
    }

    // Two matrices of the same drawn shape.
    private static (Matrix A, Matrix B) DrawPair(Random random)
    {
        int rows = GradeTime.Between(random, 1, 9), cols = GradeTime.Between(random, 1, 9);
        return (GradeTime.Matrix(random, rows, cols), GradeTime.Matrix(random, rows, cols));
    }

    private static Matrix Expected(int rows, int cols, Func<int, int, double> entry)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                m[i, j] = entry(i, j);
            }
        }

        return m;
    }
}
