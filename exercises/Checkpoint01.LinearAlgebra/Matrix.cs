// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace NeuralNet;

/// <summary>
/// A dense matrix of <see cref="double"/> values, stored row by row in one flat array.
/// Entry (row, col) lives at <c>Data[row * Cols + col]</c>. A batch of samples is a matrix with one
/// sample per row, so a batch of 64 MNIST images is a 64x784 matrix.
/// </summary>
public sealed class Matrix
{
    /// <summary>Creates a <paramref name="rows"/> x <paramref name="cols"/> matrix of zeros.</summary>
    public Matrix(int rows, int cols)
        : this(rows, cols, new double[checked(RequireSize(rows, cols))])
    {
    }

    /// <summary>
    /// Wraps <paramref name="data"/> (row-major, length rows * cols) without copying it: changing the
    /// array changes the matrix.
    /// </summary>
    public Matrix(int rows, int cols, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireSize(rows, cols);
        if (data.Length != rows * cols)
        {
            throw new ArgumentException(
                $"Matrix: a {rows}x{cols} matrix needs {rows * cols} values, but the array has {data.Length}.",
                nameof(data));
        }

        Rows = rows;
        Cols = cols;
        Data = data;
    }

    /// <summary>Number of rows (for a batch: the number of samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (for a batch: the number of features per sample).</summary>
    public int Cols { get; }

    /// <summary>All entries, row after row. <c>Data.Length == Rows * Cols</c>.</summary>
    public double[] Data { get; }

    /// <summary>The shape as people write it, for example <c>"2x3"</c> for 2 rows and 3 columns.</summary>
    public string Shape => $"{Rows}x{Cols}";

    /// <summary>Reads or writes the entry in row <paramref name="row"/> and column <paramref name="col"/>.</summary>
    public double this[int row, int col]
    {
        get => Data[Index(row, col)];
        set => Data[Index(row, col)] = value;
    }

    /// <summary>Builds a matrix from rows written out by hand: <c>Matrix.FromRows([1, 2], [3, 4])</c>.</summary>
    public static Matrix FromRows(params double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0)
        {
            throw new ArgumentException("Matrix.FromRows: give at least one row.", nameof(rows));
        }

        int cols = rows[0].Length;
        var result = new Matrix(rows.Length, cols);
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != cols)
            {
                throw new ArgumentException(
                    $"Matrix.FromRows: row 0 has {cols} values but row {r} has {rows[r].Length}; all rows must be equally long.",
                    nameof(rows));
            }

            rows[r].CopyTo(result.Data, r * cols);
        }

        return result;
    }

    /// <summary>A single-row matrix (1 x n) holding <paramref name="values"/>.</summary>
    public static Matrix RowVector(params double[] values) => FromRows(values);

    /// <summary>A single-column matrix (n x 1) holding <paramref name="values"/>.</summary>
    public static Matrix ColumnVector(params double[] values) =>
        new(values.Length, 1, (double[])values.Clone());

    /// <summary>The n x n identity matrix: ones on the diagonal, zeros elsewhere.</summary>
    public static Matrix Identity(int n)
    {
        var result = new Matrix(n, n);
        for (int i = 0; i < n; i++)
        {
            result[i, i] = 1.0;
        }

        return result;
    }

    /// <summary>Row <paramref name="row"/> as a span over <see cref="Data"/> (no copy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<double> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            ThrowRowOutside(row);
        }

        return Data.AsSpan(row * Cols, Cols);
    }

    /// <summary>A deep copy: changing the copy never changes this matrix.</summary>
    public Matrix Clone() => new(Rows, Cols, (double[])Data.Clone());

    /// <summary>The matrix as rows of numbers, for example <c>[[1, 2], [3, 4]]</c> (large ones are shortened).</summary>
    public override string ToString()
    {
        const int MaxShown = 6;
        var text = new StringBuilder();
        text.Append(Shape).Append(' ').Append('[');
        for (int r = 0; r < Math.Min(Rows, MaxShown); r++)
        {
            text.Append(r == 0 ? "[" : ", [");
            for (int c = 0; c < Math.Min(Cols, MaxShown); c++)
            {
                if (c > 0)
                {
                    text.Append(", ");
                }

                text.Append(this[r, c].ToString("G6", CultureInfo.InvariantCulture));
            }

            text.Append(Cols > MaxShown ? ", …]" : "]");
        }

        text.Append(Rows > MaxShown ? ", …]" : "]");
        return text.ToString();
    }

    // m[i, j] and m.Row(i) are inlined into the caller's loop (a call per entry would cost more than
    // the arithmetic): the check stays small, and the message is built in the throwing methods below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(int row, int col)
    {
        if ((uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
        {
            ThrowEntryOutside(row, col);
        }

        return (row * Cols) + col;
    }

    [DoesNotReturn]
    private void ThrowEntryOutside(int row, int col) =>
        throw new ArgumentOutOfRangeException(
            row < 0 || row >= Rows ? nameof(row) : nameof(col), // the one that is out, for the "(Parameter …)" the message ends with
            $"Matrix: entry ({row}, {col}) is outside a {Shape} matrix; rows go from 0 to {Rows - 1} and columns from 0 to {Cols - 1}.");

    [DoesNotReturn]
    private void ThrowRowOutside(int row) =>
        throw new ArgumentOutOfRangeException(nameof(row), $"Matrix: row {row} is outside a {Shape} matrix.");

    private static int RequireSize(int rows, int cols)
    {
        if (rows <= 0 || cols <= 0)
        {
            throw new ArgumentOutOfRangeException(
                rows <= 0 ? nameof(rows) : nameof(cols),
                $"Matrix: a matrix needs at least one row and one column (asked for {rows}x{cols}).");
        }

        return rows * cols;
    }
}
