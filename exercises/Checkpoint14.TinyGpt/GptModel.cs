namespace NeuralNet;

/// <summary>
/// Checkpoint 14 — the tiny GPT end to end: its forward pass as a graph of your layers, the loss of the next
/// token, a training step through your autograd with your optimizer, training, and writing with a
/// temperature. Read checkpoints.md, section 14.
/// </summary>
public static class GptModel
{
    /// <summary>
    /// The scores of the next token after every position of every sequence, as a graph: a tensor of
    /// (B·T) x V whose row b·T + t belongs to position t of sequence b. All B sequences have the same length T,
    /// 1 ≤ T ≤ ContextLength:
    /// <code>
    /// X = TokenEmbedding.Rows(tokens) + PositionEmbedding.Rows(positions)            (B·T) x d
    /// for each block:
    ///     X = X + LayerNorm(X; γ₁, β₁).CausalSelfAttention(block, T)
    ///     X = X + ReLU(LayerNorm(X; γ₂, β₂)·W₁ + b₁)·W₂ + b₂
    /// logits = LayerNorm(X; γ_f, β_f)·W_r + b_r                                         (B·T) x V
    /// </code>
    /// </summary>
    /// <exception cref="ArgumentException">No sequence, sequences of different lengths, longer than ContextLength or empty, or a token outside 0 … V − 1; the message names Forward.</exception>
    public static Tensor Forward(this TinyGpt model, int[][] sequences)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptModel.Forward — token and position embeddings, each block's two residual sublayers, the final layer norm and the readout (checkpoints.md#14-a-tiny-gpt).");
    }

    /// <summary>
    /// The training loss as a 1 x 1 tensor: the mean cross-entropy of Forward(inputs) over every position of
    /// the batch whose target is a token — targets[b][t] is the token that should follow position t of
    /// inputs[b], and <see cref="TinyGpt.NoTarget"/> (−1) leaves the position out. Each position with a target
    /// counts once, whatever its sequence.
    /// </summary>
    /// <exception cref="ArgumentException">Inputs and targets differ in count or length, or no position has a target; the message names NextTokenLoss.</exception>
    public static Tensor NextTokenLoss(this TinyGpt model, int[][] inputs, int[][] targets)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptModel.NextTokenLoss — the rows of Forward(inputs) that have a target, then SoftmaxCrossEntropy with those targets (checkpoints.md#14-a-tiny-gpt).");
    }

    /// <summary>
    /// One optimizer step on a batch: every parameter's Grad set to zeros, the <see cref="NextTokenLoss"/>, one Backward,
    /// then <c>optimizer.Step(parameter.Data, parameter.Grad)</c> for every tensor of model.Parameters. Afterwards
    /// each parameter's Grad holds this batch's gradient. Returns the loss before the step.
    /// </summary>
    public static double TrainStep(this TinyGpt model, int[][] inputs, int[][] targets, Optimizer optimizer)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptModel.TrainStep — zero every Grad, Loss, Backward, then one optimizer step per parameter (checkpoints.md#14-a-tiny-gpt).");
    }

    /// <summary>
    /// Checkpoint 11's Train for the model: <paramref name="epochs"/> times, the sequences in order in batches of
    /// <paramref name="batchSize"/> (the last may be smaller), one <see cref="TrainStep"/> per batch with the one
    /// <paramref name="optimizer"/>, <paramref name="progress"/> after each (Samples = sequences in the batch).
    /// Returns the loss of every batch, in order.
    /// </summary>
    /// <exception cref="ArgumentException">Inputs and targets differ in count, or epochs or batchSize is less than 1.</exception>
    public static List<double> Train(
        this TinyGpt model,
        int[][] inputs,
        int[][] targets,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptModel.Train — batches in order, one TrainStep each, progress after each (checkpoints.md#14-a-tiny-gpt).");
    }

    /// <summary>
    /// Writes <paramref name="count"/> tokens after <paramref name="prompt"/>, one at a time: the model reads the
    /// last ContextLength tokens so far (prompt and written), the last row of Forward gives the next token's
    /// scores z, and the token is
    /// <list type="bullet">
    /// <item>with temperature 0, the one with the largest score (the first of equal ones): greedy;</item>
    /// <item>otherwise drawn from p = softmax(z / temperature) with one <c>random.NextDouble()</c> r per token:
    /// the first token whose cumulative probability p₀ + … + p_k exceeds r (the last token if rounding leaves none).</item>
    /// </list>
    /// Returns the written tokens only. A low temperature sharpens p toward the greedy choice, a high one flattens it.
    /// </summary>
    /// <exception cref="ArgumentException">The prompt is empty or has a token outside 0 … V − 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">count is negative, or temperature is negative or not a number.</exception>
    public static int[] Generate(this TinyGpt model, int[] prompt, int count, double temperature, Random random)
    {
        throw new NotImplementedException(
            "Checkpoint 14: implement GptModel.Generate — the last row of Forward for the last ContextLength tokens, argmax at temperature 0, else a draw from softmax(z / temperature) (checkpoints.md#14-a-tiny-gpt).");
    }
}
