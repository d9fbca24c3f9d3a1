// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of checkpoint 14 is in GptLayers.cs and GptModel.cs.
namespace NeuralNet;

/// <summary>
/// The parameters of one transformer block of a <see cref="TinyGpt"/>, each a leaf <see cref="Tensor"/>
/// (checkpoint 13) whose Data an optimizer steps and whose Grad Backward fills. The block reads the
/// sequence's rows X (n x d) twice, each time through a layer norm and back into a residual connection:
/// <code>
/// X ← X + CausalSelfAttention(LayerNorm(X; AttentionNormGain, AttentionNormBias))      the four d x d weights, Heads heads
/// X ← X + ReLU(LayerNorm(X; MlpNormGain, MlpNormBias)·MlpHiddenWeights + MlpHiddenBias)·MlpOutputWeights + MlpOutputBias
/// </code>
/// Read checkpoints.md, section 14.
/// </summary>
public sealed class GptBlock
{
    /// <summary>A block of the given tensors (used, not copied); the shapes must fit <paramref name="width"/> and <paramref name="heads"/>.</summary>
    public GptBlock(
        int width,
        int heads,
        Tensor attentionNormGain,
        Tensor attentionNormBias,
        Tensor queryWeights,
        Tensor keyWeights,
        Tensor valueWeights,
        Tensor outputWeights,
        Tensor mlpNormGain,
        Tensor mlpNormBias,
        Tensor mlpHiddenWeights,
        Tensor mlpHiddenBias,
        Tensor mlpOutputWeights,
        Tensor mlpOutputBias)
    {
        if (heads < 1 || width % heads != 0)
        {
            throw new ArgumentException($"GptBlock: {heads} heads cannot share a width of {width}; the width must be a multiple of the number of heads.", nameof(heads));
        }

        Heads = heads;
        AttentionNormGain = Shaped(attentionNormGain, 1, width, nameof(AttentionNormGain));
        AttentionNormBias = Shaped(attentionNormBias, 1, width, nameof(AttentionNormBias));
        QueryWeights = Shaped(queryWeights, width, width, nameof(QueryWeights));
        KeyWeights = Shaped(keyWeights, width, width, nameof(KeyWeights));
        ValueWeights = Shaped(valueWeights, width, width, nameof(ValueWeights));
        OutputWeights = Shaped(outputWeights, width, width, nameof(OutputWeights));
        MlpNormGain = Shaped(mlpNormGain, 1, width, nameof(MlpNormGain));
        MlpNormBias = Shaped(mlpNormBias, 1, width, nameof(MlpNormBias));
        MlpHiddenWeights = Shaped(mlpHiddenWeights, width, 4 * width, nameof(MlpHiddenWeights));
        MlpHiddenBias = Shaped(mlpHiddenBias, 1, 4 * width, nameof(MlpHiddenBias));
        MlpOutputWeights = Shaped(mlpOutputWeights, 4 * width, width, nameof(MlpOutputWeights));
        MlpOutputBias = Shaped(mlpOutputBias, 1, width, nameof(MlpOutputBias));
    }

    /// <summary>h: the attention heads, each d / h wide (checkpoint 11's split of the columns).</summary>
    public int Heads { get; }

    /// <summary>d: the width of the rows the block reads and writes.</summary>
    public int Width => QueryWeights.Rows;

    /// <summary>γ₁ (1 x d): the attention's layer norm scales each normalised column by it.</summary>
    public Tensor AttentionNormGain { get; }

    /// <summary>β₁ (1 x d): and then adds it.</summary>
    public Tensor AttentionNormBias { get; }

    /// <summary>W_Q (d x d), as in checkpoint 11's <see cref="AttentionLayer"/>.</summary>
    public Tensor QueryWeights { get; }

    /// <summary>W_K (d x d).</summary>
    public Tensor KeyWeights { get; }

    /// <summary>W_V (d x d).</summary>
    public Tensor ValueWeights { get; }

    /// <summary>W_O (d x d): the heads side by side, times W_O.</summary>
    public Tensor OutputWeights { get; }

    /// <summary>γ₂ (1 x d): the MLP's layer norm.</summary>
    public Tensor MlpNormGain { get; }

    /// <summary>β₂ (1 x d).</summary>
    public Tensor MlpNormBias { get; }

    /// <summary>W₁ (d x 4d): into the MLP's hidden layer.</summary>
    public Tensor MlpHiddenWeights { get; }

    /// <summary>b₁ (1 x 4d).</summary>
    public Tensor MlpHiddenBias { get; }

    /// <summary>W₂ (4d x d): back to the width of the rows.</summary>
    public Tensor MlpOutputWeights { get; }

    /// <summary>b₂ (1 x d).</summary>
    public Tensor MlpOutputBias { get; }

    /// <summary>Every parameter of the block, in the order of the properties above.</summary>
    public IReadOnlyList<Tensor> Parameters =>
    [
        AttentionNormGain, AttentionNormBias, QueryWeights, KeyWeights, ValueWeights, OutputWeights,
        MlpNormGain, MlpNormBias, MlpHiddenWeights, MlpHiddenBias, MlpOutputWeights, MlpOutputBias,
    ];

    /// <summary>Checkpoint 11's <see cref="AttentionLayer"/> over this block's four attention weights (their Data, not copies).</summary>
    public AttentionLayer Attention => new(QueryWeights.Data, KeyWeights.Data, ValueWeights.Data, OutputWeights.Data, Heads);

    private static Tensor Shaped(Tensor tensor, int rows, int cols, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        return tensor.Rows == rows && tensor.Cols == cols
            ? tensor
            : throw new ArgumentException($"GptBlock: {name} is {tensor.Shape}, but it must be {rows}x{cols}.", name);
    }
}
