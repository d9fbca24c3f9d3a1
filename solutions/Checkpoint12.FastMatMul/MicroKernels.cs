using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet;

/// <summary>
/// The micro-kernels of the blocked product, one per vector width: tile (Mr x Nr floats, row by row) =
/// Σ over kc steps p of A[r, p] · B[p, 0 … Nr), with the Mr·Nr/lanes accumulators in registers all along.
/// A[r, p] is a[r·rowStep + p·pStep]: rows of a row-major A (rowStep = its width, pStep = 1) and columns of
/// a row-major matrix read as the rows of its transpose (rowStep = 1, pStep = its width) both work
/// without a copy. B[p, j] is b[p·ldb + j]. Rows and columns past the product's edge may hold anything:
/// a row of the tile depends only on its own row of A, a column only on its own column of B, and the
/// caller keeps only the rows and columns of C.
/// </summary>
/// <remarks>
/// MultiplyAddEstimate is one fused multiply-add instruction where the processor has one, and a multiply
/// and an add where it has not (an x86 without FMA); FusedMultiplyAdd would be computed in software
/// there, many times slower. Every read goes through a span, so every read is checked: learner code may not read memory unchecked
/// (checkpoints.md#12-make-it-fast). The accumulators are stored once, after the loop, into the tile;
/// anything else the JIT would have to keep alive across the loop makes it spill them to memory.
/// </remarks>
internal static class MicroKernels
{
    /// <summary>The kernel of <paramref name="tuning"/>'s width.</summary>
    public static void Run(ProductTuning tuning, ReadOnlySpan<float> a, int rowStep, int pStep, ReadOnlySpan<float> b, int ldb, int kc, Span<float> tile)
    {
        switch (tuning.Width)
        {
            case 512:
                Kernel8x32(a, rowStep, pStep, b, ldb, kc, tile);
                break;
            case 256:
                Kernel6x16(a, rowStep, pStep, b, ldb, kc, tile);
                break;
            default:
                Kernel6x8(a, rowStep, pStep, b, ldb, kc, tile);
                break;
        }
    }

    // AVX-512: 8 rows x two Vector512<float>: 16 accumulators, 2 loads of B and 8 broadcasts of A per step.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8x32(ReadOnlySpan<float> a, int rowStep, int pStep, ReadOnlySpan<float> b, int ldb, int kc, Span<float> tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep, r6 = 6 * rowStep, r7 = 7 * rowStep;
        for (int p = 0, ap = 0, bp = 0; p < kc; p++, ap += pStep, bp += ldb)
        {
            ReadOnlySpan<float> bRow = b.Slice(bp, 32);
            ReadOnlySpan<float> aColumn = a[ap..];
            Vector512<float> b0 = Vector512.Create(bRow), b1 = Vector512.Create(bRow[16..]);
            Vector512<float> ai = Vector512.Create(aColumn[0]);
            c00 = Vector512.MultiplyAddEstimate(ai, b0, c00);
            c01 = Vector512.MultiplyAddEstimate(ai, b1, c01);
            ai = Vector512.Create(aColumn[r1]);
            c10 = Vector512.MultiplyAddEstimate(ai, b0, c10);
            c11 = Vector512.MultiplyAddEstimate(ai, b1, c11);
            ai = Vector512.Create(aColumn[r2]);
            c20 = Vector512.MultiplyAddEstimate(ai, b0, c20);
            c21 = Vector512.MultiplyAddEstimate(ai, b1, c21);
            ai = Vector512.Create(aColumn[r3]);
            c30 = Vector512.MultiplyAddEstimate(ai, b0, c30);
            c31 = Vector512.MultiplyAddEstimate(ai, b1, c31);
            ai = Vector512.Create(aColumn[r4]);
            c40 = Vector512.MultiplyAddEstimate(ai, b0, c40);
            c41 = Vector512.MultiplyAddEstimate(ai, b1, c41);
            ai = Vector512.Create(aColumn[r5]);
            c50 = Vector512.MultiplyAddEstimate(ai, b0, c50);
            c51 = Vector512.MultiplyAddEstimate(ai, b1, c51);
            ai = Vector512.Create(aColumn[r6]);
            c60 = Vector512.MultiplyAddEstimate(ai, b0, c60);
            c61 = Vector512.MultiplyAddEstimate(ai, b1, c61);
            ai = Vector512.Create(aColumn[r7]);
            c70 = Vector512.MultiplyAddEstimate(ai, b0, c70);
            c71 = Vector512.MultiplyAddEstimate(ai, b1, c71);
        }

        c00.CopyTo(tile);
        c01.CopyTo(tile[16..]);
        c10.CopyTo(tile[32..]);
        c11.CopyTo(tile[48..]);
        c20.CopyTo(tile[64..]);
        c21.CopyTo(tile[80..]);
        c30.CopyTo(tile[96..]);
        c31.CopyTo(tile[112..]);
        c40.CopyTo(tile[128..]);
        c41.CopyTo(tile[144..]);
        c50.CopyTo(tile[160..]);
        c51.CopyTo(tile[176..]);
        c60.CopyTo(tile[192..]);
        c61.CopyTo(tile[208..]);
        c70.CopyTo(tile[224..]);
        c71.CopyTo(tile[240..]);
    }

    // AVX2: 6 rows x two Vector256<float>: 12 accumulators, 2 loads of B and 6 broadcasts of A per step.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(ReadOnlySpan<float> a, int rowStep, int pStep, ReadOnlySpan<float> b, int ldb, int kc, Span<float> tile)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep;
        for (int p = 0, ap = 0, bp = 0; p < kc; p++, ap += pStep, bp += ldb)
        {
            ReadOnlySpan<float> bRow = b.Slice(bp, 16);
            ReadOnlySpan<float> aColumn = a[ap..];
            Vector256<float> b0 = Vector256.Create(bRow), b1 = Vector256.Create(bRow[8..]);
            Vector256<float> ai = Vector256.Create(aColumn[0]);
            c00 = Vector256.MultiplyAddEstimate(ai, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(ai, b1, c01);
            ai = Vector256.Create(aColumn[r1]);
            c10 = Vector256.MultiplyAddEstimate(ai, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(ai, b1, c11);
            ai = Vector256.Create(aColumn[r2]);
            c20 = Vector256.MultiplyAddEstimate(ai, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(ai, b1, c21);
            ai = Vector256.Create(aColumn[r3]);
            c30 = Vector256.MultiplyAddEstimate(ai, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(ai, b1, c31);
            ai = Vector256.Create(aColumn[r4]);
            c40 = Vector256.MultiplyAddEstimate(ai, b0, c40);
            c41 = Vector256.MultiplyAddEstimate(ai, b1, c41);
            ai = Vector256.Create(aColumn[r5]);
            c50 = Vector256.MultiplyAddEstimate(ai, b0, c50);
            c51 = Vector256.MultiplyAddEstimate(ai, b1, c51);
        }

        c00.CopyTo(tile);
        c01.CopyTo(tile[8..]);
        c10.CopyTo(tile[16..]);
        c11.CopyTo(tile[24..]);
        c20.CopyTo(tile[32..]);
        c21.CopyTo(tile[40..]);
        c30.CopyTo(tile[48..]);
        c31.CopyTo(tile[56..]);
        c40.CopyTo(tile[64..]);
        c41.CopyTo(tile[72..]);
        c50.CopyTo(tile[80..]);
        c51.CopyTo(tile[88..]);
    }

    // Vector128 (SSE, Arm's AdvSimd): 6 rows x two Vector128<float>: 12 accumulators.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x8(ReadOnlySpan<float> a, int rowStep, int pStep, ReadOnlySpan<float> b, int ldb, int kc, Span<float> tile)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector128<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep;
        for (int p = 0, ap = 0, bp = 0; p < kc; p++, ap += pStep, bp += ldb)
        {
            ReadOnlySpan<float> bRow = b.Slice(bp, 8);
            ReadOnlySpan<float> aColumn = a[ap..];
            Vector128<float> b0 = Vector128.Create(bRow), b1 = Vector128.Create(bRow[4..]);
            Vector128<float> ai = Vector128.Create(aColumn[0]);
            c00 = Vector128.MultiplyAddEstimate(ai, b0, c00);
            c01 = Vector128.MultiplyAddEstimate(ai, b1, c01);
            ai = Vector128.Create(aColumn[r1]);
            c10 = Vector128.MultiplyAddEstimate(ai, b0, c10);
            c11 = Vector128.MultiplyAddEstimate(ai, b1, c11);
            ai = Vector128.Create(aColumn[r2]);
            c20 = Vector128.MultiplyAddEstimate(ai, b0, c20);
            c21 = Vector128.MultiplyAddEstimate(ai, b1, c21);
            ai = Vector128.Create(aColumn[r3]);
            c30 = Vector128.MultiplyAddEstimate(ai, b0, c30);
            c31 = Vector128.MultiplyAddEstimate(ai, b1, c31);
            ai = Vector128.Create(aColumn[r4]);
            c40 = Vector128.MultiplyAddEstimate(ai, b0, c40);
            c41 = Vector128.MultiplyAddEstimate(ai, b1, c41);
            ai = Vector128.Create(aColumn[r5]);
            c50 = Vector128.MultiplyAddEstimate(ai, b0, c50);
            c51 = Vector128.MultiplyAddEstimate(ai, b1, c51);
        }

        c00.CopyTo(tile);
        c01.CopyTo(tile[4..]);
        c10.CopyTo(tile[8..]);
        c11.CopyTo(tile[12..]);
        c20.CopyTo(tile[16..]);
        c21.CopyTo(tile[20..]);
        c30.CopyTo(tile[24..]);
        c31.CopyTo(tile[28..]);
        c40.CopyTo(tile[32..]);
        c41.CopyTo(tile[36..]);
        c50.CopyTo(tile[40..]);
        c51.CopyTo(tile[44..]);
    }
}
