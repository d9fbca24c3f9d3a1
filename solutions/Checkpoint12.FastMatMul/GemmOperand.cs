namespace NeuralNet;

/// <summary>
/// One factor of a product as <see cref="Gemm"/> reads it: entry (i, j) is
/// <c>data[Offset + i·RowStep + j·ColStep]</c>, in an array of floats or of doubles. A row-major matrix
/// has RowStep = its width and ColStep = 1; read with the steps swapped it is its own transpose, with
/// nothing copied.
/// </summary>
/// <param name="Floats">The entries, when they are floats (then the engine may read them where they lie).</param>
/// <param name="Doubles">The entries, when they are doubles (the engine converts them while it packs).</param>
/// <param name="Offset">Where entry (0, 0) is.</param>
/// <param name="RowStep">How far apart entries (i, j) and (i + 1, j) are.</param>
/// <param name="ColStep">How far apart entries (i, j) and (i, j + 1) are.</param>
internal readonly record struct GemmOperand(float[]? Floats, double[]? Doubles, int Offset, int RowStep, int ColStep)
{
    /// <summary>A matrix as it is.</summary>
    public static GemmOperand Of(Matrix m) => new(null, m.Data, 0, m.Cols, 1);

    /// <summary>The transpose of a matrix: its rows read as columns.</summary>
    public static GemmOperand TransposeOf(Matrix m) => new(null, m.Data, 0, 1, m.Cols);

    /// <summary>A row-major block of floats <paramref name="width"/> wide, starting at <paramref name="offset"/>.</summary>
    public static GemmOperand Of(float[] data, int width, int offset = 0) => new(data, null, offset, width, 1);

    /// <summary>The transpose of a row-major block of floats <paramref name="width"/> wide.</summary>
    public static GemmOperand TransposeOf(float[] data, int width, int offset = 0) => new(data, null, offset, 1, width);

    /// <summary>How many numbers the array holds.</summary>
    public int Length => Floats?.Length ?? Doubles!.Length;

    /// <summary>Entry (i, j) as a float.</summary>
    public float this[int i, int j] => Floats is { } floats
        ? floats[Offset + (i * RowStep) + (j * ColStep)]
        : (float)Doubles![Offset + (i * RowStep) + (j * ColStep)];
}
