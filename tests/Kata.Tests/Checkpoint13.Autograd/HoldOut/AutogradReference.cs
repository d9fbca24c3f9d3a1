namespace Kata.Tests.Checkpoint13.HoldOut;

using Kata.Tests.Checkpoint11.HoldOut;

/// <summary>
/// The trusted side of checkpoint 13's hold-outs: entry-by-entry maps with plain loops and no learner code
/// (Matrix is provided), beside checkpoint 11's reference product, transpose and tolerance, from which each
/// hold-out computes what an operation and its gradients must be.
/// </summary>
internal static class AutogradReference
{
    /// <summary>C[i, j] = Σ_k A[i, k]·B[k, j].</summary>
    public static Matrix Product(Matrix a, Matrix b) => AttentionReference.Product(a, b);

    /// <summary>Aᵀ[j, i] = A[i, j].</summary>
    public static Matrix Transpose(Matrix a) => AttentionReference.Transposed(a);

    /// <summary>f of every entry, into a new matrix.</summary>
    public static Matrix Map(Matrix a, Func<double, double> f) => new(a.Rows, a.Cols, [.. a.Data.Select(f)]);

    /// <summary>f of every pair of entries of two matrices of one shape, into a new matrix.</summary>
    public static Matrix Zip(Matrix a, Matrix b, Func<double, double, double> f) => new(a.Rows, a.Cols, [.. a.Data.Zip(b.Data, f)]);

    /// <summary>A tolerance relative to the size of the expected values, never below <paramref name="relative"/> itself.</summary>
    public static double Tolerance(double relative, IEnumerable<double> expected) => AttentionReference.Tolerance(relative, expected);
}
