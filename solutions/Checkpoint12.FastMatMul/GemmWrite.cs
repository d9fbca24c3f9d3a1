using System.Numerics;

namespace NeuralNet;

/// <summary>
/// The last pass of <see cref="Gemm"/>: one row of a finished tile into C, a vector at a time, with what
/// <see cref="GemmOutput"/> asks for done on the way — so that the bias, the activation, its derivative or
/// a gradient-descent step cost no pass over C of their own.
/// </summary>
internal static class GemmWrite
{
    /// <summary>c = alpha·tile (+ c when <paramref name="add"/>), widened to double.</summary>
    public static void Doubles(ReadOnlySpan<float> tile, Span<double> c, float alpha, bool add)
    {
        int lanes = Vector<float>.Count, x = 0;
        for (; x <= tile.Length - lanes; x += lanes)
        {
            Vector.Widen(new Vector<float>(tile[x..]) * alpha, out Vector<double> low, out Vector<double> high);
            if (add)
            {
                low += new Vector<double>(c[x..]);
                high += new Vector<double>(c[(x + Vector<double>.Count)..]);
            }

            low.CopyTo(c[x..]);
            high.CopyTo(c[(x + Vector<double>.Count)..]);
        }

        for (; x < tile.Length; x++)
        {
            c[x] = (add ? c[x] : 0) + (alpha * tile[x]);
        }
    }

    /// <summary>
    /// c = alpha·tile (+ c when <paramref name="add"/>); on the product's <paramref name="last"/> block
    /// also + bias[j …] and the <see cref="GemmOutput.Finish"/>. <paramref name="at"/> is c's offset in
    /// the output array, where the activations of a slope are read too.
    /// </summary>
    public static void Floats(ReadOnlySpan<float> tile, Span<float> c, GemmOutput output, bool add, bool last, int j, int at)
    {
        GemmFinish finish = last ? output.Finish : GemmFinish.None;
        ReadOnlySpan<float> bias = last && output.Bias is { } b ? b.AsSpan(j, c.Length) : default;
        ReadOnlySpan<float> a = finish is GemmFinish.TimesReLUSlope or GemmFinish.TimesSigmoidSlope ? output.Activations.AsSpan(at, c.Length) : default;
        float alpha = output.Alpha;
        int lanes = Vector<float>.Count, x = 0;
        for (; x <= tile.Length - lanes; x += lanes)
        {
            Vector<float> v = new Vector<float>(tile[x..]) * alpha;
            if (add)
            {
                v += new Vector<float>(c[x..]);
            }

            if (!bias.IsEmpty)
            {
                v += new Vector<float>(bias[x..]);
            }

            v = finish switch
            {
                GemmFinish.ReLU => Vector.Max(v, Vector<float>.Zero),
                GemmFinish.Sigmoid => Vector<float>.One / (Vector<float>.One + Vector.Exp(-v)),
                GemmFinish.TimesReLUSlope => Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(a[x..]), Vector<float>.Zero), v, Vector<float>.Zero),
                GemmFinish.TimesSigmoidSlope => v * new Vector<float>(a[x..]) * (Vector<float>.One - new Vector<float>(a[x..])),
                _ => v,
            };
            v.CopyTo(c[x..]);
        }

        for (; x < tile.Length; x++)
        {
            float v = (add ? c[x] : 0) + (alpha * tile[x]) + (bias.IsEmpty ? 0 : bias[x]);
            c[x] = finish switch
            {
                GemmFinish.ReLU => Math.Max(v, 0),
                GemmFinish.Sigmoid => 1 / (1 + MathF.Exp(-v)),
                GemmFinish.TimesReLUSlope => a[x] > 0 ? v : 0,
                GemmFinish.TimesSigmoidSlope => v * a[x] * (1 - a[x]),
                _ => v,
            };
        }
    }
}
