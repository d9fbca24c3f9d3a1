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
        throw new NotImplementedException(
            "Checkpoint 12: implement FastLinearAlgebra.MatMulIkj — row i of C += A[i, k] · row k of B, over spans (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// Stage 2 — SIMD: the same i-k-j loops, with the innermost one doing Vector&lt;double&gt;.Count
    /// columns per fused multiply-add, and a plain loop for the columns left over.
    /// </summary>
    public static Matrix MatMulSimd(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastLinearAlgebra.MatMulSimd — the i-k-j loops with vectors and fused multiply-add (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// Stage 3 — cache blocking and packing: copy blocks of A and panels of B into small contiguous
    /// buffers that stay in cache (float is allowed: see checkpoints.md), and let a micro-kernel keep a
    /// tile of C in registers while it runs down the shared dimension.
    /// </summary>
    public static Matrix MatMulBlocked(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastLinearAlgebra.MatMulBlocked — packed blocks and a register tile of C (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// Stage 4 — two threads: stage 3, with C split in two halves computed at the same time. Small
    /// products stay on one thread: handing work to another thread costs microseconds. This is the
    /// product your network uses with <c>./kata train --kernel fast</c>.
    /// </summary>
    public static Matrix MatMul(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastLinearAlgebra.MatMul — the blocked product on two threads (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// Beyond the product — Aᵀ·B without the transpose: for A k x n and B k x m, the n x m product
    /// C[i, j] = Σₚ A[p, i]·B[p, j] (backpropagation's aᵀ·delta). Read A's columns where they lie, as the
    /// rows of Aᵀ: no transposed copy. A new matrix; an <see cref="ArgumentException"/> naming
    /// "MatMulTransposedA" and both shapes when A.Rows != B.Rows.
    /// </summary>
    public static Matrix MatMulTransposedA(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastLinearAlgebra.MatMulTransposedA — Aᵀ·B, reading A's columns where they lie (checkpoints.md#12-make-it-fast).");
    }

    /// <summary>
    /// Beyond the product — A·Bᵀ without the transpose: for A n x k and B m x k, the n x m product
    /// C[i, j] = Σₚ A[i, p]·B[j, p] (backpropagation's delta·Wᵀ). A new matrix; an
    /// <see cref="ArgumentException"/> naming "MatMulTransposedB" and both shapes when A.Cols != B.Cols.
    /// </summary>
    public static Matrix MatMulTransposedB(Matrix a, Matrix b)
    {
        throw new NotImplementedException(
            "Checkpoint 12: implement FastLinearAlgebra.MatMulTransposedB — A·Bᵀ, reading B's rows as the columns of Bᵀ (checkpoints.md#12-make-it-fast).");
    }
}
