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
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.Dot — multiply matching entries and add them up (checkpoints.md#1-linear-algebra).");
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
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.MatMul — C[i, j] = row i of A · column j of B (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>The transpose Aᵀ: row i of A becomes column i. An n x m matrix becomes m x n.</summary>
    public static Matrix Transpose(Matrix a)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.Transpose — result[j, i] = a[i, j] (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>Element-wise sum A + B of two matrices of the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names "Add" and both shapes.</exception>
    public static Matrix Add(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.Add — result[i, j] = a[i, j] + b[i, j] (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>Element-wise difference A − B of two matrices of the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names "Subtract" and both shapes.</exception>
    public static Matrix Subtract(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.Subtract — result[i, j] = a[i, j] - b[i, j] (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>
    /// Element-wise (Hadamard) product A ⊙ B of two matrices of the same shape. Backpropagation uses it
    /// to multiply a gradient by an activation's derivative, entry by entry.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names "Hadamard" and both shapes.</exception>
    public static Matrix Hadamard(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.Hadamard — result[i, j] = a[i, j] * b[i, j] (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>Every entry multiplied by <paramref name="factor"/>.</summary>
    public static Matrix Scale(Matrix a, double factor)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.Scale — result[i, j] = factor * a[i, j] (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>
    /// Adds the vector <paramref name="row"/> to every row of A ("broadcasting"). This is how a layer
    /// adds its bias to every sample of a batch. A is n x m and the vector has length m.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ; the message names "AddRowVector", A's shape and the vector's length.</exception>
    public static Matrix AddRowVector(Matrix a, double[] row)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.AddRowVector — result[i, j] = a[i, j] + row[j] (checkpoints.md#1-linear-algebra).");
    }

    /// <summary>
    /// The sum of each column: a vector of length A.Cols whose entry j is A[0, j] + A[1, j] + ….
    /// Backpropagation uses it to add up a bias gradient over the samples of a batch.
    /// </summary>
    public static double[] ColumnSums(Matrix a)
    {
        throw new NotImplementedException(
            "Checkpoint 1: implement LinearAlgebra.ColumnSums — result[j] = sum over i of a[i, j] (checkpoints.md#1-linear-algebra).");
    }
}
