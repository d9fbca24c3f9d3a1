// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of checkpoint 14 is in GptLayers.cs and GptModel.cs.
namespace NeuralNet;

/// <summary>
/// A decoder-only transformer of characters, GPT-2's shape at a tiny size: token and position embeddings,
/// <see cref="GptSettings.Layers"/> blocks (<see cref="GptBlock"/>), a final layer norm and a readout to
/// one score per token of the vocabulary. Every parameter is a leaf <see cref="Tensor"/> (checkpoint 13):
/// your forward pass builds a graph on them, one Backward fills their Grad, and an optimizer steps their
/// Data. Read checkpoints.md, section 14.
/// </summary>
public sealed class TinyGpt
{
    /// <summary>
    /// A model with random parameters, all drawn from one <c>new Random(seed)</c> without any learner code, in
    /// the order of <see cref="Parameters"/>: every weight matrix and embedding uniform in [−a, a] with
    /// a = √(3/fan-in) · 0.5 (the embeddings: a = 0.5), the two projections that write into the residual stream
    /// (W_O and W₂) further scaled by 1/√(2L), every layer-norm gain 1 and every bias 0.
    /// The same seed always gives the same model.
    /// </summary>
    public TinyGpt(GptSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"TinyGpt: these sizes cannot make a model: {string.Join("; ", problems)}.", nameof(settings));
        }

        var random = new Random(seed);
        int v = settings.Vocabulary, d = settings.Width, m = settings.MlpWidth;
        double residual = 1 / Math.Sqrt(2.0 * settings.Layers);
        Settings = settings;
        TokenEmbedding = Uniform(v, d, EmbeddingLimit, random);
        PositionEmbedding = Uniform(settings.ContextLength, d, EmbeddingLimit, random);
        Blocks =
        [
            .. Enumerable.Range(0, settings.Layers).Select(_ => new GptBlock(
                d,
                settings.Heads,
                Ones(d),
                Zeros(d),
                Uniform(d, d, Limit(d), random),
                Uniform(d, d, Limit(d), random),
                Uniform(d, d, Limit(d), random),
                Uniform(d, d, Limit(d) * residual, random),
                Ones(d),
                Zeros(d),
                Uniform(d, m, Limit(d), random),
                Zeros(m),
                Uniform(m, d, Limit(m) * residual, random),
                Zeros(d))),
        ];
        FinalNormGain = Ones(d);
        FinalNormBias = Zeros(d);
        Readout = Uniform(d, v, Limit(d), random);
        ReadoutBias = Zeros(v);
    }

    /// <summary>A model of the given parameters (used, not copied); the shapes must fit <paramref name="settings"/>.</summary>
    public TinyGpt(
        GptSettings settings,
        Tensor tokenEmbedding,
        Tensor positionEmbedding,
        IReadOnlyList<GptBlock> blocks,
        Tensor finalNormGain,
        Tensor finalNormBias,
        Tensor readout,
        Tensor readoutBias)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(blocks);
        Settings = settings;
        int v = settings.Vocabulary, d = settings.Width;
        TokenEmbedding = Shaped(tokenEmbedding, v, d, nameof(TokenEmbedding));
        PositionEmbedding = Shaped(positionEmbedding, settings.ContextLength, d, nameof(PositionEmbedding));
        Blocks = blocks.Count == settings.Layers && blocks.All(b => b.Width == d && b.Heads == settings.Heads)
            ? [.. blocks]
            : throw new ArgumentException($"TinyGpt: {settings.Layers} blocks of width {d} with {settings.Heads} heads are needed.", nameof(blocks));
        FinalNormGain = Shaped(finalNormGain, 1, d, nameof(FinalNormGain));
        FinalNormBias = Shaped(finalNormBias, 1, d, nameof(FinalNormBias));
        Readout = Shaped(readout, d, v, nameof(Readout));
        ReadoutBias = Shaped(readoutBias, 1, v, nameof(ReadoutBias));
    }

    /// <summary>ε in the layer norm's 1/√(σ² + ε) (GPT-2's value): it keeps a row whose numbers are all equal finite.</summary>
    public const double LayerNormEpsilon = 1e-5;

    /// <summary>A target that asks for nothing: Loss leaves the positions whose target is −1 out of the mean.</summary>
    public const int NoTarget = -1;

    /// <summary>The model's sizes.</summary>
    public GptSettings Settings { get; }

    /// <summary>E (V x d): row v is the learned vector of token v.</summary>
    public Tensor TokenEmbedding { get; }

    /// <summary>P (T_max x d): row t is the learned vector of position t, added to the token's.</summary>
    public Tensor PositionEmbedding { get; }

    /// <summary>The transformer blocks, applied in order.</summary>
    public IReadOnlyList<GptBlock> Blocks { get; }

    /// <summary>γ_f (1 x d): the layer norm after the last block.</summary>
    public Tensor FinalNormGain { get; }

    /// <summary>β_f (1 x d).</summary>
    public Tensor FinalNormBias { get; }

    /// <summary>W_r (d x V): each row's score for every token of the vocabulary.</summary>
    public Tensor Readout { get; }

    /// <summary>b_r (1 x V).</summary>
    public Tensor ReadoutBias { get; }

    /// <summary>
    /// Every parameter, in a fixed order: TokenEmbedding, PositionEmbedding, each block's
    /// <see cref="GptBlock.Parameters"/>, FinalNormGain, FinalNormBias, Readout, ReadoutBias.
    /// </summary>
    public IReadOnlyList<Tensor> Parameters =>
        [TokenEmbedding, PositionEmbedding, .. Blocks.SelectMany(b => b.Parameters), FinalNormGain, FinalNormBias, Readout, ReadoutBias];

    /// <summary>The number of learned numbers.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Data.Data.Length);

    /// <summary>An independent copy: the same numbers, new tensors with zero gradients, no shared arrays.</summary>
    public TinyGpt Clone()
    {
        Tensor Copy(Tensor t) => new(t.Data.Clone());
        return new TinyGpt(
            Settings,
            Copy(TokenEmbedding),
            Copy(PositionEmbedding),
            [.. Blocks.Select(b => new GptBlock(
                b.Width, b.Heads, Copy(b.AttentionNormGain), Copy(b.AttentionNormBias), Copy(b.QueryWeights), Copy(b.KeyWeights), Copy(b.ValueWeights),
                Copy(b.OutputWeights), Copy(b.MlpNormGain), Copy(b.MlpNormBias), Copy(b.MlpHiddenWeights), Copy(b.MlpHiddenBias), Copy(b.MlpOutputWeights), Copy(b.MlpOutputBias)))],
            Copy(FinalNormGain),
            Copy(FinalNormBias),
            Copy(Readout),
            Copy(ReadoutBias));
    }

    private const double EmbeddingLimit = 0.5;

    // √(3/fan-in) is Xavier's limit for a uniform draw (variance 1/fan-in); half of it keeps a fresh model's
    // residual stream small beside the embeddings.
    private static double Limit(int fanIn) => 0.5 * Math.Sqrt(3.0 / fanIn);

    private static Tensor Uniform(int rows, int cols, double limit, Random random)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = limit * ((2 * random.NextDouble()) - 1);
        }

        return new Tensor(m);
    }

    private static Tensor Ones(int n) => new(new Matrix(1, n, [.. Enumerable.Repeat(1.0, n)]));

    private static Tensor Zeros(int n) => new(new Matrix(1, n));

    private static Tensor Shaped(Tensor tensor, int rows, int cols, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        return tensor.Rows == rows && tensor.Cols == cols
            ? tensor
            : throw new ArgumentException($"TinyGpt: {name} is {tensor.Shape}, but it must be {rows}x{cols}.", name);
    }
}
