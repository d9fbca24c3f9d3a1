namespace NeuralNet;

/// <summary>
/// Checkpoint 14 — the three layers a transformer adds to your checkpoint-13 operations, each a new node of
/// the graph: <c>new Tensor(data, "Name", [inputs], output =&gt; { … })</c>, whose closure adds to every
/// input's Grad what output.Grad sends it. Read checkpoints.md, section 14.
/// </summary>
public static class GptLayers
{
    /// <summary>
    /// Row indices[i] of <paramref name="table"/> as row i of the result (indices.Length x table.Cols): an
    /// embedding lookup (the rows of the tokens), or the rows of the logits that have a target. Backward: row
    /// i of dC is added to row indices[i] of the table's gradient — twice for an index that comes twice.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is not a row of the table; the message names Rows, the index and the shape.</exception>
    public static Tensor Rows(this Tensor table, int[] indices)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptLayers.Rows — copy row indices[i] of the table into row i; backward adds row i of dC to row indices[i] of the table's Grad (checkpoints.md#14-a-tiny-gpt).");
    }

    /// <summary>
    /// Layer normalisation of every row of x (n x d) on its own: μ and σ² are the row's mean and variance (over
    /// its d numbers, divided by d), x̂ = (x − μ)/√(σ² + ε) with ε = <see cref="TinyGpt.LayerNormEpsilon"/>, and the result is x̂ ⊙ gain + bias with the 1 x d
    /// gain γ and bias β in every row. Backward, with g = dY ⊙ γ for a row: dx = (g − mean(g) − x̂ · mean(g ⊙ x̂))
    /// / √(σ² + ε); dγ = the column sums of dY ⊙ x̂, dβ = the column sums of dY.
    /// </summary>
    /// <exception cref="ArgumentException">gain or bias is not 1 x x.Cols; the message names LayerNorm and the shapes.</exception>
    public static Tensor LayerNorm(this Tensor x, Tensor gain, Tensor bias)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptLayers.LayerNorm — per row x̂ = (x − μ)/√(σ² + ε), then x̂ ⊙ γ + β; backward dx = (g − mean(g) − x̂·mean(g ⊙ x̂))/√(σ² + ε) with g = dY ⊙ γ (checkpoints.md#14-a-tiny-gpt).");
    }

    /// <summary>
    /// Causally masked multi-head self-attention of every sequence of x: x holds B sequences of
    /// <paramref name="sequenceLength"/> rows one after another ((B·T) x d), and rows b·T to b·T + T − 1 become
    /// your checkpoint-11 <c>block.Attention.Forward(those rows, causal: true)</c> — no row ever sees another
    /// sequence or a later position. Backward: your checkpoint-11 <see cref="SelfAttention.Backward"/> for each
    /// sequence, its Input gradient into the same rows of x's Grad, its four weight gradients summed over the
    /// sequences into the Grad of the block's QueryWeights, KeyWeights, ValueWeights and OutputWeights.
    /// </summary>
    /// <exception cref="ArgumentException">x.Rows is not a multiple of sequenceLength, or x.Cols is not the block's width.</exception>
    public static Tensor CausalSelfAttention(this Tensor x, GptBlock block, int sequenceLength)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptLayers.CausalSelfAttention — your checkpoint-11 layer Forward (causal) on each sequence's rows; backward its Backward, into x's rows and the four weights' Grad (checkpoints.md#14-a-tiny-gpt).");
    }
}
