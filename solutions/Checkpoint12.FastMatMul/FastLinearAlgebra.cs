using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet;

/// <summary>
/// Checkpoint 12 — the matrix product of checkpoint 1, made fast in four stages. Each stage has the
/// contract of <see cref="LinearAlgebra.MatMul"/>: C = A·B for A n x k and B k x m, a new n x m
/// matrix, the inputs unchanged, and an <see cref="ArgumentException"/> naming both shapes when
/// A.Cols != B.Rows. Read checkpoints.md, section 12.
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
    /// Stage 3 — cache blocking and packing: B is cut into panels of 32 columns and A into blocks of
    /// rows, each copied (as float) into a small contiguous buffer that stays in cache, and a
    /// micro-kernel keeps a 6 x 32 tile of C in registers while it runs down the shared dimension.
    /// </summary>
    public static Matrix MatMulBlocked(Matrix a, Matrix b)
    {
        Matrix c = NewProduct("MatMulBlocked", a, b);
        BlockedProduct(a, b, c, 0, a.Rows, 0, b.Cols);
        return c;
    }

    /// <summary>
    /// Stage 4 — two threads: stage 3, with C split in two halves computed at the same time. Small
    /// products stay on one thread: handing work to another thread costs microseconds.
    /// </summary>
    public static Matrix MatMul(Matrix a, Matrix b)
    {
        Matrix c = NewProduct("MatMul", a, b);
        int n = a.Rows, m = b.Cols;
        if ((long)n * a.Cols * m < ParallelWork || Environment.ProcessorCount < 2)
        {
            BlockedProduct(a, b, c, 0, n, 0, m);
            return c;
        }

        // Two halves of C that do not overlap: the columns when m ≥ n (each thread packs all of A but
        // only its half of B), else the rows (all of B, half of A). Parallel.For runs one half here and
        // hands the other to a thread-pool thread, and returns when both are done.
        bool byColumns = m >= n;
        int half = byColumns ? Math.Min(RoundUp((m + 1) / 2, Nr), m) : Math.Min(RoundUp((n + 1) / 2, Mr), n);
        Parallel.For(0, 2, part =>
        {
            (int from, int to) = part == 0 ? (0, half) : (half, byColumns ? m : n);
            if (byColumns)
            {
                BlockedProduct(a, b, c, 0, n, from, to);
            }
            else
            {
                BlockedProduct(a, b, c, from, to, 0, m);
            }
        });

        return c;
    }

    // Below this many multiply-adds (n·k·m) a product takes a few microseconds on one core, about what
    // starting Parallel.For costs (3–9 µs measured, checkpoints.md#12-make-it-fast).
    private const long ParallelWork = 100_000;

    // The micro-kernel's tile of C: Mr rows x Nr columns (two Vector512<float>), 12 registers.
    private const int Mr = 6;
    private const int Nr = 32;

    // Blocking: Kc steps of the shared dimension at a time (a 6 x Kc slice of packed A is 6 KB, L1),
    // Mc rows of A per packed block (Mc x Kc floats = 96 KB, L2).
    private const int Kc = 256;
    private const int Mc = 96;

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

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    // C[rows, cols] += A[rows, :] · B[:, cols] with Vector<double>: rows [r0, r1), columns [c0, c1).
    // NoInlining: after a few hundred calls the JIT recompiles the caller with profile data and would
    // inline this loop into it; the span and vector helpers inside then exceed its inlining budget and
    // stay calls, ten times slower. The products below are kept out of their callers for the same reason.
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

    // C[rows, cols] += A[rows, :] · B[:, cols], blocked and packed: rows [r0, r1), columns [c0, c1).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BlockedProduct(Matrix a, Matrix b, Matrix c, int r0, int r1, int c0, int c1)
    {
        // The micro-kernel is written for 512-bit registers; without AVX-512 (most laptops, Apple
        // silicon) Vector512 would run in software, so stage 2 does the work instead.
        if (!Vector512.IsHardwareAccelerated)
        {
            SimdProduct(a, b, c, r0, r1, c0, c1);
            return;
        }

        int panels = (c1 - c0 + Nr - 1) / Nr;
        float[] packedB = ArrayPool<float>.Shared.Rent(panels * Nr * Kc);
        float[] packedA = ArrayPool<float>.Shared.Rent(RoundUp(Mc, Mr) * Kc);
        Span<float> tile = stackalloc float[Mr * Nr];
        for (int p0 = 0; p0 < a.Cols; p0 += Kc)
        {
            // B[p0..p0+kc, c0..c1] in panels of Nr columns, reused by every row block below.
            int kc = Math.Min(Kc, a.Cols - p0);
            PackB(b, p0, kc, c0, c1, packedB);
            for (int i0 = r0; i0 < r1; i0 += Mc)
            {
                // A[i0..i0+mc, p0..p0+kc] as float rows, reused by every panel of B.
                int mc = Math.Min(Mc, r1 - i0);
                PackA(a, i0, mc, p0, kc, packedA);
                for (int panel = 0; panel < panels; panel++)
                {
                    int j = c0 + (panel * Nr);
                    for (int i = 0; i < mc; i += Mr)
                    {
                        // The 6 x 32 tile of C at (i0 + i, j): computed in registers, then added to C.
                        MicroKernel(packedA.AsSpan(i * kc, Mr * kc), packedB.AsSpan(panel * Nr * kc, Nr * kc), kc, tile);
                        AddTile(tile, c, i0 + i, Math.Min(Mr, mc - i), j, Math.Min(Nr, c1 - j), first: p0 == 0);
                    }
                }
            }
        }

        ArrayPool<float>.Shared.Return(packedA);
        ArrayPool<float>.Shared.Return(packedB);
    }

    // Packs B[p0..p0+kc, c0..c1] as float: panel q holds, for p = 0 … kc−1, the Nr entries
    // B[p0 + p, c0 + q·Nr …], so the micro-kernel reads it front to back. The last panel is
    // padded with zeros.
    private static void PackB(Matrix b, int p0, int kc, int c0, int c1, float[] packed)
    {
        int width = c1 - c0;
        for (int p = 0; p < kc; p++)
        {
            ReadOnlySpan<double> row = b.Row(p0 + p)[c0..c1];
            for (int j = 0; j < width; j += Nr)
            {
                Span<float> to = packed.AsSpan((j * kc) + (p * Nr), Nr);
                if (width - j >= Nr)
                {
                    // 32 doubles become 32 floats: four 8-lane loads, two narrowing conversions.
                    ReadOnlySpan<double> from = row.Slice(j, Nr);
                    Vector512.Narrow(Vector512.Create(from), Vector512.Create(from[8..])).CopyTo(to);
                    Vector512.Narrow(Vector512.Create(from[16..]), Vector512.Create(from[24..])).CopyTo(to[16..]);
                }
                else
                {
                    to.Clear();
                    for (int x = j; x < width; x++)
                    {
                        to[x - j] = (float)row[x];
                    }
                }
            }
        }
    }

    // Packs A[i0..i0+mc, p0..p0+kc] as float, row after row (kc floats each), then zero rows up to a
    // multiple of Mr, so the micro-kernel can always read Mr rows.
    private static void PackA(Matrix a, int i0, int mc, int p0, int kc, float[] packed)
    {
        for (int r = 0; r < mc; r++)
        {
            ReadOnlySpan<double> row = a.Row(i0 + r).Slice(p0, kc);
            Span<float> to = packed.AsSpan(r * kc, kc);
            int p = 0;
            for (; p <= kc - 16; p += 16)
            {
                ReadOnlySpan<double> from = row.Slice(p, 16);
                Vector512.Narrow(Vector512.Create(from), Vector512.Create(from[8..])).CopyTo(to[p..]);
            }

            for (; p < kc; p++)
            {
                to[p] = (float)row[p];
            }
        }

        packed.AsSpan(mc * kc, (RoundUp(mc, Mr) - mc) * kc).Clear();
    }

    // tile (6 x 32) = six packed rows of A (kc floats each, one after another) times a packed panel of
    // B (kc x 32): for each p, two 16-float loads of B, six broadcasts of A and twelve fused
    // multiply-adds into twelve accumulators that stay in registers. They are stored once, at the end,
    // into `tile`, and the caller adds it to C: with a call or a span after the loop, the JIT keeps
    // the accumulators in memory instead (a store and a load for every multiply-add, 3x slower).
    // Every load goes through a span, so every read is bounds-checked: learner code may not read
    // memory without a check (Unsafe, MemoryMarshal and LoadUnsafe are refused, checkpoints.md#12).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int kc, Span<float> tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ReadOnlySpan<float> a0 = a[..kc], a1 = a.Slice(kc, kc), a2 = a.Slice(2 * kc, kc);
        ReadOnlySpan<float> a3 = a.Slice(3 * kc, kc), a4 = a.Slice(4 * kc, kc), a5 = a.Slice(5 * kc, kc);
        for (int p = 0; p < a0.Length; p++)
        {
            ReadOnlySpan<float> bp = b.Slice(p * Nr, Nr);
            Vector512<float> b0 = Vector512.Create(bp), b1 = Vector512.Create(bp[16..]);
            Vector512<float> ai = Vector512.Create(a0[p]);
            c00 = Vector512.FusedMultiplyAdd(ai, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(ai, b1, c01);
            ai = Vector512.Create(a1[p]);
            c10 = Vector512.FusedMultiplyAdd(ai, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(ai, b1, c11);
            ai = Vector512.Create(a2[p]);
            c20 = Vector512.FusedMultiplyAdd(ai, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(ai, b1, c21);
            ai = Vector512.Create(a3[p]);
            c30 = Vector512.FusedMultiplyAdd(ai, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(ai, b1, c31);
            ai = Vector512.Create(a4[p]);
            c40 = Vector512.FusedMultiplyAdd(ai, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(ai, b1, c41);
            ai = Vector512.Create(a5[p]);
            c50 = Vector512.FusedMultiplyAdd(ai, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(ai, b1, c51);
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
    }

    // C[i .. i+rows, j .. j+cols] += the first rows x cols of the 6 x 32 tile (float, row by row). The
    // first block of the shared dimension finds C still zero: it stores instead, and C is not read.
    private static void AddTile(ReadOnlySpan<float> tile, Matrix c, int i, int rows, int j, int cols, bool first)
    {
        for (int r = 0; r < rows; r++)
        {
            AddRow(c.Row(i + r).Slice(j, cols), tile.Slice(r * Nr, Nr), first);
        }
    }

    // C's row (as double) += one row of the tile (as float), or = it when `first`; cRow holds the
    // tile's first cols columns.
    private static void AddRow(Span<double> cRow, ReadOnlySpan<float> tileRow, bool first)
    {
        if (cRow.Length == Nr)
        {
            // 32 floats widen into four 8-double vectors.
            (Vector512<double> v0, Vector512<double> v1) = Vector512.Widen(Vector512.Create(tileRow));
            (Vector512<double> v2, Vector512<double> v3) = Vector512.Widen(Vector512.Create(tileRow[16..]));
            if (!first)
            {
                v0 += Vector512.Create((ReadOnlySpan<double>)cRow);
                v1 += Vector512.Create((ReadOnlySpan<double>)cRow[8..]);
                v2 += Vector512.Create((ReadOnlySpan<double>)cRow[16..]);
                v3 += Vector512.Create((ReadOnlySpan<double>)cRow[24..]);
            }

            v0.CopyTo(cRow);
            v1.CopyTo(cRow[8..]);
            v2.CopyTo(cRow[16..]);
            v3.CopyTo(cRow[24..]);
            return;
        }

        for (int x = 0; x < cRow.Length; x++)
        {
            cRow[x] = (first ? 0 : cRow[x]) + tileRow[x];
        }
    }
}
