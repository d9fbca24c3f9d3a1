using System.Numerics;
using System.Runtime.CompilerServices;

namespace NeuralNet;

/// <summary>
/// Checkpoint 12 — the matrix product of checkpoint 1, made fast in four stages. Each stage has the
/// contract of <see cref="LinearAlgebra.MatMul"/>: C = A·B for A n x k and B k x m, a new n x m
/// matrix, the inputs unchanged, and an <see cref="ArgumentException"/> naming both shapes when
/// A.Cols != B.Rows. Then, beyond the product, the two products with a transpose that backpropagation
/// needs, without the transpose. Read checkpoints.md, section 12.
/// </summary>
public static class FastLinearAlgebra
{
    /// <summary>
    /// Stage 1 — loop order: the i-k-j order walks B and C row by row, the way they lie in memory,
    /// through spans instead of the bounds-checked indexer.
    /// </summary>
    public static Matrix MatMulIkj(Matrix a, Matrix b)
    {
        Matrix c = NewProduct("MatMulIkj", a, b);
        for (int i = 0; i < a.Rows; i++)
        {
            ReadOnlySpan<double> aRow = a.Row(i);
            Span<double> cRow = c.Row(i);
            for (int k = 0; k < aRow.Length; k++)
            {
                // Row i of C += A[i, k] · row k of B.
                double aik = aRow[k];
                ReadOnlySpan<double> bRow = b.Row(k);
                for (int j = 0; j < cRow.Length; j++)
                {
                    cRow[j] += aik * bRow[j];
                }
            }
        }

        return c;
    }

    /// <summary>
    /// Stage 2 — SIMD: the same i-k-j loops, with the innermost one doing Vector&lt;double&gt;.Count
    /// columns per fused multiply-add, and a plain loop for the columns left over.
    /// </summary>
    public static Matrix MatMulSimd(Matrix a, Matrix b)
    {
        Matrix c = NewProduct("MatMulSimd", a, b);
        SimdProduct(a, b, c, 0, a.Rows, 0, b.Cols);
        return c;
    }

    /// <summary>
    /// Stage 3 — cache blocking and packing: blocks of A and panels of B are copied (as float) into small
    /// contiguous buffers that stay in cache, and a micro-kernel keeps a tile of C in registers while it
    /// runs down the shared dimension. The tile and the blocks are chosen for this processor
    /// (<see cref="ProductTuning"/>); the engine is <see cref="Gemm"/>.
    /// </summary>
    public static Matrix MatMulBlocked(Matrix a, Matrix b)
    {
        Matrix c = NewProduct("MatMulBlocked", a, b);
        Gemm.Multiply(a.Rows, a.Cols, b.Cols, GemmOperand.Of(a), GemmOperand.Of(b), GemmOutput.Into(c), parallel: false);
        return c;
    }

    /// <summary>
    /// Stage 4 — threads: stage 3, with the rows of C (or, when there are few, its columns) split between
    /// the processor's cores and computed at the same time. Small products stay on one thread: handing
    /// work to another thread costs microseconds.
    /// </summary>
    public static Matrix MatMul(Matrix a, Matrix b)
    {
        Matrix c = NewProduct("MatMul", a, b);
        Gemm.Multiply(a.Rows, a.Cols, b.Cols, GemmOperand.Of(a), GemmOperand.Of(b), GemmOutput.Into(c), parallel: true);
        return c;
    }

    /// <summary>
    /// Beyond the product — Aᵀ·B without the transpose: for A k x n and B k x m, the n x m product of A's
    /// columns with B's columns, C[i, j] = Σₚ A[p, i]·B[p, j]. Backpropagation's ∂loss/∂W = aᵀ·delta is
    /// one. The blocked product reads A's columns as the rows of Aᵀ where they lie.
    /// </summary>
    public static Matrix MatMulTransposedA(Matrix a, Matrix b)
    {
        if (a.Rows != b.Rows)
        {
            throw new ArgumentException(
                $"MatMulTransposedA: cannot multiply the transpose of {a.Shape} by {b.Shape} — A and B need the same number of rows ({a.Rows} and {b.Rows} differ).");
        }

        var c = new Matrix(a.Cols, b.Cols);
        Gemm.Multiply(a.Cols, a.Rows, b.Cols, GemmOperand.TransposeOf(a), GemmOperand.Of(b), GemmOutput.Into(c), parallel: true);
        return c;
    }

    /// <summary>
    /// Beyond the product — A·Bᵀ without the transpose: for A n x k and B m x k, the n x m product of A's
    /// rows with B's rows, C[i, j] = Σₚ A[i, p]·B[j, p]. Backpropagation's delta·Wᵀ is one.
    /// </summary>
    public static Matrix MatMulTransposedB(Matrix a, Matrix b)
    {
        if (a.Cols != b.Cols)
        {
            throw new ArgumentException(
                $"MatMulTransposedB: cannot multiply {a.Shape} by the transpose of {b.Shape} — A and B need the same number of columns ({a.Cols} and {b.Cols} differ).");
        }

        var c = new Matrix(a.Rows, b.Rows);
        Gemm.Multiply(a.Rows, a.Cols, b.Rows, GemmOperand.Of(a), GemmOperand.TransposeOf(b), GemmOutput.Into(c), parallel: true);
        return c;
    }

    /// <summary>The micro-kernel and cache blocks chosen for this processor, for people (./kata bench stages prints it).</summary>
    internal static string Tuning => ProductTuning.Current.ToString();

    // The new n x m result of A·B, after the shape check every stage shares with checkpoint 1.
    private static Matrix NewProduct(string operation, Matrix a, Matrix b)
    {
        if (a.Cols != b.Rows)
        {
            throw new ArgumentException(
                $"{operation}: cannot multiply {a.Shape} by {b.Shape} — inner dimensions {a.Cols} and {b.Rows} differ.");
        }

        return new Matrix(a.Rows, b.Cols);
    }

    // C[rows, cols] += A[rows, :] · B[:, cols] with Vector<double>: rows [r0, r1), columns [c0, c1).
    // NoInlining: after a few hundred calls the JIT recompiles the caller with profile data and would
    // inline this loop into it; the span and vector helpers inside then exceed its inlining budget and
    // stay calls, ten times slower. The micro-kernels (MicroKernels.cs) are kept out of their callers for the same reason.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SimdProduct(Matrix a, Matrix b, Matrix c, int r0, int r1, int c0, int c1)
    {
        int lanes = Vector<double>.Count;
        for (int i = r0; i < r1; i++)
        {
            ReadOnlySpan<double> aRow = a.Row(i);
            Span<double> cRow = c.Row(i)[c0..c1];
            for (int k = 0; k < aRow.Length; k++)
            {
                ReadOnlySpan<double> bRow = b.Row(k)[c0..c1];
                var aik = new Vector<double>(aRow[k]);
                int j = 0;
                for (; j <= cRow.Length - lanes; j += lanes)
                {
                    // lanes entries of C at once: C[i, j..] = A[i, k] · B[k, j..] + C[i, j..], one rounding.
                    Vector.FusedMultiplyAdd(aik, new Vector<double>(bRow[j..]), new Vector<double>(cRow[j..])).CopyTo(cRow[j..]);
                }

                for (; j < cRow.Length; j++)
                {
                    cRow[j] += aRow[k] * bRow[j];
                }
            }
        }
    }
}
