namespace NeuralNet;

/// <summary>
/// Checkpoint 1 — the linear algebra a neural network is made of. Every method returns a new
/// matrix (or number) and never changes its inputs. Read checkpoints.md, section 1.
/// </summary>
public static class LinearAlgebra
{
    /// <summary>The dot product a·b = a[0]*b[0] + a[1]*b[1] + … of two equally long vectors.</summary>
    /// <exception cref="ArgumentException">The lengths differ; the message names "Dot" and both lengths.</exception>
    public static double Dot(double[] a, double[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Dot: vectors of length {a.Length} and {b.Length} differ in length.");
        }

        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// The matrix product C = A·B: C[i, j] is the dot product of row i of A with column j of B.
    /// A is n x k, B is k x m, C is n x m.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A.Cols != B.Rows; the message names "MatMul" and both shapes, e.g.
    /// "MatMul: cannot multiply 2x3 by 2x3 — inner dimensions 3 and 2 differ".
    /// </exception>
    public static Matrix MatMul(Matrix a, Matrix b)
    {
        if (a.Cols != b.Rows)
        {
            throw new ArgumentException(
                $"MatMul: cannot multiply {a.Shape} by {b.Shape} — inner dimensions {a.Cols} and {b.Rows} differ.");
        }

        var c = new Matrix(a.Rows, b.Cols);

        // The i-k-j loop order computes exactly C[i, j] = Σ_k A[i, k]·B[k, j], but walks B and C
        // row by row, which is how they lie in memory: several times faster than i-j-k.
        for (int i = 0; i < a.Rows; i++)
        {
            Span<double> cRow = c.Row(i);
            for (int k = 0; k < a.Cols; k++)
            {
                double aik = a.Data[(i * a.Cols) + k];
                ReadOnlySpan<double> bRow = b.Row(k);
                for (int j = 0; j < bRow.Length; j++)
                {
                    cRow[j] += aik * bRow[j];
                }
            }
        }

        return c;
    }

    /// <summary>The transpose Aᵀ: row i of A becomes column i. An n x m matrix becomes m x n.</summary>
    public static Matrix Transpose(Matrix a)
    {
        var t = new Matrix(a.Cols, a.Rows);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    /// <summary>Element-wise sum A + B of two matrices of the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names "Add" and both shapes.</exception>
    public static Matrix Add(Matrix a, Matrix b) => Zip("Add", a, b, static (x, y) => x + y);

    /// <summary>Element-wise difference A − B of two matrices of the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names "Subtract" and both shapes.</exception>
    public static Matrix Subtract(Matrix a, Matrix b) => Zip("Subtract", a, b, static (x, y) => x - y);

    /// <summary>
    /// Element-wise (Hadamard) product A ⊙ B of two matrices of the same shape. Backpropagation uses it
    /// to multiply a gradient by an activation's derivative, entry by entry.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names "Hadamard" and both shapes.</exception>
    public static Matrix Hadamard(Matrix a, Matrix b) => Zip("Hadamard", a, b, static (x, y) => x * y);

    /// <summary>Every entry multiplied by <paramref name="factor"/>.</summary>
    public static Matrix Scale(Matrix a, double factor)
    {
        var result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Data.Length; i++)
        {
            result.Data[i] = factor * a.Data[i];
        }

        return result;
    }

    /// <summary>
    /// Adds the vector <paramref name="row"/> to every row of A ("broadcasting"). This is how a layer
    /// adds its bias to every sample of a batch. A is n x m and the vector has length m.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ; the message names "AddRowVector", A's shape and the vector's length.</exception>
    public static Matrix AddRowVector(Matrix a, double[] row)
    {
        if (row.Length != a.Cols)
        {
            throw new ArgumentException(
                $"AddRowVector: cannot add a vector of length {row.Length} to the rows of a {a.Shape} matrix — it needs length {a.Cols}.");
        }

        var result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = a[i, j] + row[j];
            }
        }

        return result;
    }

    /// <summary>
    /// The sum of each column: a vector of length A.Cols whose entry j is A[0, j] + A[1, j] + ….
    /// Backpropagation uses it to add up a bias gradient over the samples of a batch.
    /// </summary>
    public static double[] ColumnSums(Matrix a)
    {
        var sums = new double[a.Cols];
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                sums[j] += a[i, j];
            }
        }

        return sums;
    }

    // Add, Subtract and Hadamard differ only in the operation applied to each pair of entries.
    private static Matrix Zip(string operation, Matrix a, Matrix b, Func<double, double, double> op)
    {
        if (a.Rows != b.Rows || a.Cols != b.Cols)
        {
            throw new ArgumentException($"{operation}: shapes {a.Shape} and {b.Shape} differ; both matrices must have the same shape.");
        }

        var result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Data.Length; i++)
        {
            result.Data[i] = op(a.Data[i], b.Data[i]);
        }

        return result;
    }
}
