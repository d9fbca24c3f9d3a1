// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of checkpoint 11 is in Attention.cs, Positions.cs, SelfAttention.cs and SequenceTraining.cs.
namespace NeuralNet;

/// <summary>
/// The parameters of one multi-head self-attention layer. Its input is a sequence of T tokens, one per
/// row, each <see cref="ModelWidth"/> numbers wide (T x ModelWidth). Every token gets a query, a key and a
/// value through <see cref="QueryWeights"/>, <see cref="KeyWeights"/> and <see cref="ValueWeights"/>
/// (ModelWidth x ModelWidth each); head h works on columns h·HeadWidth to (h + 1)·HeadWidth − 1 of them;
/// the heads' outputs are put side by side in the same columns, head 0 first, and multiplied by
/// <see cref="OutputWeights"/>. No biases. Read checkpoints.md, section 11.
/// </summary>
public sealed class AttentionLayer
{
    /// <summary>
    /// A layer with random weights, each drawn uniformly from [−√(3/ModelWidth), √(3/ModelWidth)] (variance
    /// 1/ModelWidth, Xavier's for a square matrix). The same <paramref name="seed"/> gives the same weights.
    /// </summary>
    public AttentionLayer(int modelWidth, int heads, int seed)
        : this(modelWidth, heads, new Random(seed))
    {
    }

    /// <summary>A layer with the weights you give it (used, not copied), split into <paramref name="heads"/> heads.</summary>
    public AttentionLayer(Matrix queryWeights, Matrix keyWeights, Matrix valueWeights, Matrix outputWeights, int heads)
    {
        ArgumentNullException.ThrowIfNull(queryWeights);
        ArgumentNullException.ThrowIfNull(keyWeights);
        ArgumentNullException.ThrowIfNull(valueWeights);
        ArgumentNullException.ThrowIfNull(outputWeights);
        int width = queryWeights.Rows;
        if (heads < 1 || width % heads != 0)
        {
            throw new ArgumentException(
                $"AttentionLayer: {heads} heads cannot share a model width of {width}; the width must be a multiple of the number of heads.",
                nameof(heads));
        }

        foreach ((string name, Matrix w) in new[] { ("query", queryWeights), ("key", keyWeights), ("value", valueWeights), ("output", outputWeights) })
        {
            if (w.Rows != width || w.Cols != width)
            {
                throw new ArgumentException($"AttentionLayer: the {name} weights are {w.Shape}, but every projection must be {width}x{width}.", nameof(heads));
            }
        }

        QueryWeights = queryWeights;
        KeyWeights = keyWeights;
        ValueWeights = valueWeights;
        OutputWeights = outputWeights;
        Heads = heads;
    }

    internal AttentionLayer(int modelWidth, int heads, Random random)
        : this(
            Uniform(modelWidth, modelWidth, Math.Sqrt(3.0 / modelWidth), random),
            Uniform(modelWidth, modelWidth, Math.Sqrt(3.0 / modelWidth), random),
            Uniform(modelWidth, modelWidth, Math.Sqrt(3.0 / modelWidth), random),
            Uniform(modelWidth, modelWidth, Math.Sqrt(3.0 / modelWidth), random),
            heads)
    {
    }

    /// <summary>d_model: the width of a token's row, in and out.</summary>
    public int ModelWidth => QueryWeights.Rows;

    /// <summary>h: the number of heads.</summary>
    public int Heads { get; }

    /// <summary>d_k = ModelWidth / Heads: the width of one head's queries, keys and values.</summary>
    public int HeadWidth => ModelWidth / Heads;

    /// <summary>W_Q (ModelWidth x ModelWidth): Q = X·W_Q.</summary>
    public Matrix QueryWeights { get; }

    /// <summary>W_K (ModelWidth x ModelWidth): K = X·W_K.</summary>
    public Matrix KeyWeights { get; }

    /// <summary>W_V (ModelWidth x ModelWidth): V = X·W_V.</summary>
    public Matrix ValueWeights { get; }

    /// <summary>W_O (ModelWidth x ModelWidth): the output is concat(head 0, …, head h−1)·W_O.</summary>
    public Matrix OutputWeights { get; }

    // Seeded numbers uniform in [−limit, limit], drawn without any learner code: every learner's layer
    // (and model) starts from the same weights for the same seed.
    internal static Matrix Uniform(int rows, int cols, double limit, Random random)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = limit * ((2 * random.NextDouble()) - 1);
        }

        return m;
    }
}
