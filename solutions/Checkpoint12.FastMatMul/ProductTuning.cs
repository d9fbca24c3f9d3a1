using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet;

/// <summary>
/// The shape of the product's micro-kernel and its cache blocks, chosen once, when the program starts,
/// from what the processor reports: the widest vector it runs in hardware (Vector512, Vector256 or
/// Vector128) and its level-1 and level-2 data caches (read with the CPUID instruction on x86; an Arm
/// processor has no such instruction here, so the sizes most Arm cores have are assumed).
/// </summary>
/// <param name="Width">Bits per vector register the micro-kernel uses: 512, 256 or 128.</param>
/// <param name="Mr">Rows of the tile of C the micro-kernel keeps in registers.</param>
/// <param name="Nr">Columns of that tile: two vectors.</param>
/// <param name="Kc">Steps of the shared dimension per block: a Kc x Nr panel of B stays in the level-2 cache.</param>
/// <param name="Mc">Rows of A packed at a time: Mc x Kc floats fill about half of the level-2 cache.</param>
/// <param name="L1">The level-1 data cache in bytes.</param>
/// <param name="L2">The level-2 cache in bytes (of one core).</param>
/// <param name="Source">Where the cache sizes came from, for people.</param>
internal sealed record ProductTuning(int Width, int Mr, int Nr, int Kc, int Mc, int L1, int L2, string Source)
{
    /// <summary>The tuning of the processor this program runs on.</summary>
    public static ProductTuning Current { get; } = ForThisProcessor();

    /// <summary>
    /// The tuning for a vector width and cache sizes. The tile: two vectors wide and as many rows as keep
    /// the accumulators, the two vectors of B and a broadcast of A in registers — 8 x 32 with the 32
    /// registers of AVX-512 (16 accumulators), 6 x 16 with the 16 of AVX2 (12), 6 x 8 with Vector128 (12,
    /// which fits both x86's 16 registers and Arm's 32). The blocks: a Kc x Nr panel of B, read once per
    /// tile row, takes at most an eighth of the level-2 cache (it is reused from there by every tile of a
    /// block of A); Mc rows of A take half of it. A long Kc means the tile of C is added to C less often.
    /// </summary>
    public static ProductTuning For(int width, int l1, int l2, string source)
    {
        (int mr, int nr) = width switch
        {
            512 => (8, 32),
            256 => (6, 16),
            _ => (6, 8),
        };
        int kc = Math.Clamp(l2 / 8 / (4 * nr) / 16 * 16, 128, 1024);
        int mc = Math.Clamp(l2 / 2 / (4 * kc) / mr * mr, 4 * mr, 1024);
        return new ProductTuning(width, mr, nr, kc, mc, l1, l2, source);
    }

    /// <summary>"8 x 32 tile of Vector512&lt;float&gt;, blocks Kc 1024, Mc 128 (L1d 48 KB, L2 1024 KB: CPUID)".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Mr} x {Nr} tile of Vector{Width}<float>, blocks Kc {Kc}, Mc {Mc} (L1d {L1 / 1024} KB, L2 {L2 / 1024} KB: {Source})");

    private static ProductTuning ForThisProcessor()
    {
        int width = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;
        (int l1, int l2, string source) = X86Base.IsSupported ? CachesFromCpuId() : (64 * 1024, 1024 * 1024, "assumed: no CPUID on this processor");
        return For(width, l1, l2, source);
    }

    // The level-1 data and level-2 caches as CPUID reports them: leaf 4 (Intel) or 0x8000001D (AMD) list
    // every cache with its level and size; older AMD processors and some virtual machines answer only the
    // legacy leaves 0x80000005 (L1d in KB, bits 31-24 of ECX) and 0x80000006 (L2 in KB, bits 31-16 of ECX).
    private static (int L1, int L2, string Source) CachesFromCpuId()
    {
        int maxLeaf = X86Base.CpuId(0, 0).Eax;
        int maxExtended = X86Base.CpuId(unchecked((int)0x80000000), 0).Eax;
        int l1 = 0, l2 = 0;
        foreach (int leaf in (int[])[4, unchecked((int)0x8000001D)])
        {
            bool present = leaf == 4 ? maxLeaf >= 4 : (uint)maxExtended >= 0x8000001D;
            for (int index = 0; present && index < 8; index++)
            {
                (int eax, int ebx, int ecx, _) = X86Base.CpuId(leaf, index);
                int type = eax & 0x1F, level = (eax >> 5) & 0x7;
                if (type == 0)
                {
                    break;
                }

                // size = ways · partitions · line size · sets, each stored as the value minus one.
                long size = (long)(((ebx >> 22) & 0x3FF) + 1) * (((ebx >> 12) & 0x3FF) + 1) * ((ebx & 0xFFF) + 1) * ((long)(uint)ecx + 1);
                if (level == 1 && type != 2)
                {
                    l1 = (int)Math.Min(size, int.MaxValue);
                }
                else if (level == 2)
                {
                    l2 = (int)Math.Min(size, int.MaxValue);
                }
            }

            if (l1 > 0 && l2 > 0)
            {
                return (l1, l2, $"CPUID leaf 0x{leaf:X}");
            }
        }

        if ((uint)maxExtended >= 0x80000006)
        {
            l1 = (int)((uint)X86Base.CpuId(unchecked((int)0x80000005), 0).Ecx >> 24) * 1024;
            l2 = (int)((uint)X86Base.CpuId(unchecked((int)0x80000006), 0).Ecx >> 16) * 1024;
            if (l1 > 0 && l2 > 0)
            {
                return (l1, l2, "CPUID leaves 0x80000005-6");
            }
        }

        return (32 * 1024, 256 * 1024, "assumed: CPUID names no caches");
    }
}
