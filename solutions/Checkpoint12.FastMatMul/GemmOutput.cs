namespace NeuralNet;

/// <summary>
/// Where <see cref="Gemm"/> puts C = A·B and what it does on the way: C (row-major, <see cref="Ld"/>
/// numbers from one row to the next, from <see cref="Offset"/>) becomes Alpha·A·B, or C + Alpha·A·B with
/// <see cref="Accumulate"/> — which is how a gradient-descent step W ← W − η·aᵀ·delta is written without
/// the gradient ever being a matrix of its own. Then, once per entry: <see cref="Bias"/>[j] and
/// <see cref="Finish"/>.
/// </summary>
internal sealed class GemmOutput
{
    /// <summary>C as floats (every option applies), or null.</summary>
    public float[]? Floats { get; init; }

    /// <summary>C as doubles (only Alpha and Accumulate apply), or null.</summary>
    public double[]? Doubles { get; init; }

    /// <summary>Where C[0, 0] is.</summary>
    public int Offset { get; init; }

    /// <summary>How far apart C[i, j] and C[i + 1, j] are.</summary>
    public int Ld { get; init; }

    /// <summary>The factor of the product: −η for a gradient-descent step.</summary>
    public float Alpha { get; init; } = 1;

    /// <summary>Add to C instead of overwriting it.</summary>
    public bool Accumulate { get; init; }

    /// <summary>A bias per column, added to the finished product (before the activation), or null.</summary>
    public float[]? Bias { get; init; }

    /// <summary>The activation or the derivative applied to the finished entries.</summary>
    public GemmFinish Finish { get; init; }

    /// <summary>For the slopes: the activations a, laid out as C (same offset and Ld).</summary>
    public float[]? Activations { get; init; }

    /// <summary>C as floats, <paramref name="ld"/> wide, from <paramref name="offset"/>.</summary>
    public static GemmOutput Into(float[] c, int ld, int offset = 0) => new() { Floats = c, Ld = ld, Offset = offset };

    /// <summary>The matrix <paramref name="c"/>, overwritten.</summary>
    public static GemmOutput Into(Matrix c) => new() { Doubles = c.Data, Ld = c.Cols };
}
