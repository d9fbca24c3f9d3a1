using System.Buffers;
using System.Numerics;

namespace NeuralNet;

/// <summary>
/// The blocked, packed product behind stages 3 and 4 and the fast training steps: C = op(A)·op(B), with
/// op(A) n x k and op(B) k x m read through <see cref="GemmOperand"/>s (a transpose is a way of reading,
/// never a copy) and C written through a <see cref="GemmOutput"/> (bias, activation, derivative or a
/// gradient-descent step fused into the pass that writes it). The micro-kernel's tile and the cache blocks
/// come from <see cref="ProductTuning.Current"/>.
/// </summary>
/// <remarks>
/// <code>
/// pack B (converted to float, a transpose gathered) unless it is a float row-major matrix already
/// split C's rows (or, when there are few, its column panels) between the threads
/// for each block of Kc steps of the shared dimension
///   for each block of Mc rows of A        (doubles: packed as float rows; floats: read where they lie)
///     for each panel of Nr columns of B
///       for each Mr rows of the block
///         tile (Mr x Nr, in registers) = Σ_p A[rows, p] · B[p, columns]    (MicroKernels)
///         C[rows, columns] = Alpha·tile (+ C), then bias and Finish on the last block
/// </code>
/// </remarks>
internal static class Gemm
{
    // Below this many multiply-adds (n·k·m) a product takes a few microseconds on one core, about what
    // handing half of it to another thread costs (checkpoints.md#12-make-it-fast).
    private const long ParallelWork = 100_000;

    /// <summary>
    /// C = op(A)·op(B) as <paramref name="c"/> says, for op(A) <paramref name="n"/> x <paramref name="k"/>
    /// and op(B) k x <paramref name="m"/>; on several threads when <paramref name="parallel"/> and the
    /// product is large enough.
    /// </summary>
    public static void Multiply(int n, int k, int m, GemmOperand a, GemmOperand b, GemmOutput c, bool parallel)
    {
        if (n == 0 || m == 0)
        {
            return;
        }

        ProductTuning tuning = ProductTuning.Current;
        var plan = new Plan(tuning, n, k, m);
        int parts = parallel && (long)n * k * m >= ParallelWork ? Math.Min(Environment.ProcessorCount, 8) : 1;
        bool byRows = n >= parts * tuning.Mr;
        parts = Math.Min(parts, byRows ? Ceil(n, tuning.Mr) : plan.Panels);

        // B is packed once, up front, for every thread: converted to float, a transpose gathered into rows.
        bool packB = b.Floats is null || b.ColStep != 1;
        float[]? packedB = packB ? ArrayPool<float>.Shared.Rent(Math.Max(1, k * plan.Panels * tuning.Nr)) : null;
        try
        {
            if (packedB is not null)
            {
                Split(parts, plan.Panels, 1, (from, to) => PackB(b, plan, from, to, packedB));
            }

            if (byRows)
            {
                Split(parts, n, tuning.Mr, (from, to) => Compute(a, b, packedB, c, plan, from, to, 0, plan.Panels));
            }
            else
            {
                Split(parts, plan.Panels, 1, (from, to) => Compute(a, b, packedB, c, plan, 0, n, from, to));
            }
        }
        finally
        {
            if (packedB is not null)
            {
                ArrayPool<float>.Shared.Return(packedB);
            }
        }
    }

    private static int Ceil(int value, int by) => (value + by - 1) / by;

    // work(from, to) on `parts` ranges of [0, count) whose bounds are multiples of `unit`: on this thread
    // alone, or on as many threads with Parallel.For, which returns when every range is done.
    private static void Split(int parts, int count, int unit, Action<int, int> work)
    {
        if (parts <= 1)
        {
            work(0, count);
            return;
        }

        int chunk = Ceil(Ceil(count, parts), unit) * unit;
        Parallel.For(0, parts, part => work(Math.Min(part * chunk, count), Math.Min((part + 1) * chunk, count)));
    }

    // Rows [r0, r1) and column panels [q0, q1) of C.
    private static void Compute(GemmOperand a, GemmOperand b, float[]? packedB, GemmOutput c, Plan plan, int r0, int r1, int q0, int q1)
    {
        ProductTuning t = plan.Tuning;
        Span<float> tile = stackalloc float[t.Mr * t.Nr];
        float[]? packedA = a.Floats is null ? ArrayPool<float>.Shared.Rent(Math.Max(1, (Ceil(t.Mc, t.Mr) * t.Mr) * plan.Kc)) : null;
        float[]? edge = null;
        try
        {
            for (int block = 0; block < plan.KBlocks; block++)
            {
                int p0 = block * plan.Kc, kc = Math.Min(plan.Kc, plan.K - p0);
                bool first = block == 0, last = block == plan.KBlocks - 1;
                for (int i0 = r0; i0 < r1; i0 += t.Mc)
                {
                    int mc = Math.Min(t.Mc, r1 - i0);
                    if (packedA is not null)
                    {
                        PackA(a, i0, mc, p0, kc, packedA);
                    }

                    for (int q = q0; q < q1; q++)
                    {
                        int j = q * t.Nr, cols = Math.Min(t.Nr, plan.M - j);
                        ReadOnlySpan<float> bPanel;
                        int ldb;
                        if (packedB is not null)
                        {
                            bPanel = packedB.AsSpan((p0 * plan.Panels * t.Nr) + (q * kc * t.Nr), kc * t.Nr);
                            ldb = t.Nr;
                        }
                        else if (b.Offset + ((long)(p0 + kc - 1) * b.RowStep) + j + t.Nr <= b.Length || kc == 0)
                        {
                            bPanel = b.Floats.AsSpan(b.Offset + (p0 * b.RowStep) + j);
                            ldb = b.RowStep;
                        }
                        else
                        {
                            // The last panel of a float matrix with no room after it for a whole panel.
                            edge ??= ArrayPool<float>.Shared.Rent(Math.Max(t.Mr, t.Nr) * plan.Kc);
                            PackPanel(b, p0, kc, j, cols, t.Nr, edge);
                            bPanel = edge;
                            ldb = t.Nr;
                        }

                        for (int i = i0; i < i0 + mc; i += t.Mr)
                        {
                            int rows = Math.Min(t.Mr, i0 + mc - i);
                            if (packedA is not null)
                            {
                                MicroKernels.Run(t, packedA.AsSpan((i - i0) * kc), kc, 1, bPanel, ldb, kc, tile);
                            }
                            else if (a.Offset + ((long)(i + t.Mr - 1) * a.RowStep) + ((long)(p0 + kc - 1) * a.ColStep) < a.Length || kc == 0)
                            {
                                MicroKernels.Run(t, a.Floats.AsSpan(a.Offset + (i * a.RowStep) + (p0 * a.ColStep)), a.RowStep, a.ColStep, bPanel, ldb, kc, tile);
                            }
                            else
                            {
                                // The last rows of a float matrix with no room after them for a whole tile.
                                float[] rowsOfA = ArrayPool<float>.Shared.Rent(t.Mr * Math.Max(1, kc));
                                PackA(a, i, rows, p0, kc, rowsOfA);
                                MicroKernels.Run(t, rowsOfA, kc, 1, bPanel, ldb, kc, tile);
                                ArrayPool<float>.Shared.Return(rowsOfA);
                            }

                            Write(tile, t.Nr, c, i, rows, j, cols, first, last);
                        }
                    }
                }
            }
        }
        finally
        {
            if (packedA is not null)
            {
                ArrayPool<float>.Shared.Return(packedA);
            }

            if (edge is not null)
            {
                ArrayPool<float>.Shared.Return(edge);
            }
        }
    }

    // Rows [i0, i0 + rows) and steps [p0, p0 + kc) of op(A) as float rows of kc numbers, one after another.
    private static void PackA(GemmOperand a, int i0, int rows, int p0, int kc, float[] packed)
    {
        if (a.ColStep == 1 && a.Doubles is { } doubles)
        {
            for (int r = 0; r < rows; r++)
            {
                Narrow(doubles.AsSpan(a.Offset + ((i0 + r) * a.RowStep) + p0, kc), packed.AsSpan(r * kc, kc));
            }

            return;
        }

        // A transpose: entry (i, p) and (i + 1, p) lie side by side, so read along i and write down the rows.
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < rows; r++)
            {
                packed[(r * kc) + p] = a[i0 + r, p0 + p];
            }
        }
    }

    // Every panel q in [q0, q1) of op(B), block after block of the shared dimension: block (p0, kc) starts
    // at p0·panels·Nr and holds its panels one after another, kc x Nr floats each (zeros past column m).
    private static void PackB(GemmOperand b, Plan plan, int q0, int q1, float[] packed)
    {
        int nr = plan.Tuning.Nr;
        for (int p0 = 0; p0 < plan.K; p0 += plan.Kc)
        {
            int kc = Math.Min(plan.Kc, plan.K - p0);
            for (int q = q0; q < q1; q++)
            {
                int j = q * nr;
                PackPanel(b, p0, kc, j, Math.Min(nr, plan.M - j), nr, packed.AsSpan((p0 * plan.Panels * nr) + (q * kc * nr), kc * nr));
            }
        }
    }

    // Rows [p0, p0 + kc) and columns [j, j + cols) of op(B) as kc rows of Nr floats, zeros past cols.
    private static void PackPanel(GemmOperand b, int p0, int kc, int j, int cols, int nr, Span<float> panel)
    {
        if (b.ColStep == 1 && b.Doubles is { } doubles)
        {
            for (int p = 0; p < kc; p++)
            {
                Span<float> to = panel.Slice(p * nr, nr);
                Narrow(doubles.AsSpan(b.Offset + ((p0 + p) * b.RowStep) + j, cols), to);
                to[cols..].Clear();
            }

            return;
        }

        panel[..(kc * nr)].Clear();
        for (int x = 0; x < cols; x++)
        {
            for (int p = 0; p < kc; p++)
            {
                panel[(p * nr) + x] = b[p0 + p, j + x];
            }
        }
    }

    // to[x] = (float)from[x], a vector at a time.
    private static void Narrow(ReadOnlySpan<double> from, Span<float> to)
    {
        int lanes = Vector<double>.Count, x = 0;
        for (; x <= from.Length - (2 * lanes); x += 2 * lanes)
        {
            Vector.Narrow(new Vector<double>(from[x..]), new Vector<double>(from[(x + lanes)..])).CopyTo(to[x..]);
        }

        for (; x < from.Length; x++)
        {
            to[x] = (float)from[x];
        }
    }

    // The first rows x cols of a tile (Nr floats a row) into C at (i, j), as `c` says.
    private static void Write(ReadOnlySpan<float> tile, int nr, GemmOutput c, int i, int rows, int j, int cols, bool first, bool last)
    {
        bool add = c.Accumulate || !first;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> t = tile.Slice(r * nr, cols);
            int at = c.Offset + ((i + r) * c.Ld) + j;
            if (c.Doubles is { } doubles)
            {
                GemmWrite.Doubles(t, doubles.AsSpan(at, cols), c.Alpha, add);
            }
            else
            {
                GemmWrite.Floats(t, c.Floats.AsSpan(at, cols), c, add, last, j, at);
            }
        }
    }

    // The blocking of one product: the shared dimension in KBlocks blocks of Kc (the last one shorter) and
    // the columns in Panels panels of Nr.
    private sealed class Plan
    {
        public Plan(ProductTuning tuning, int n, int k, int m)
        {
            Tuning = tuning;
            N = n;
            K = k;
            M = m;
            KBlocks = Math.Max(1, Ceil(k, tuning.Kc));
            Kc = Math.Max(1, Ceil(k, KBlocks)); // blocks of equal length: 1100 steps are two of 550, not 1024 and 76
            Panels = Ceil(m, tuning.Nr);
        }

        public ProductTuning Tuning { get; }

        public int N { get; }

        public int K { get; }

        public int M { get; }

        public int KBlocks { get; }

        public int Kc { get; }

        public int Panels { get; }
    }
}
