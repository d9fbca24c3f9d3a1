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
        int length = CheckSequences(model, sequences);

        // Every position of every sequence is one row: token b·T + t, position t.
        int[] tokens = [.. sequences.SelectMany(s => s)];
        int[] positions = [.. sequences.SelectMany(_ => Enumerable.Range(0, length))];
        Tensor x = model.TokenEmbedding.Rows(tokens).Add(model.PositionEmbedding.Rows(positions));   // (B·T) x d

        foreach (GptBlock block in model.Blocks)
        {
            // Pre-norm residual sublayers: each reads a normalised copy of X and adds what it found to X.
            x = x.Add(x.LayerNorm(block.AttentionNormGain, block.AttentionNormBias).CausalSelfAttention(block, length));
            Tensor hidden = x.LayerNorm(block.MlpNormGain, block.MlpNormBias)
                .MatMul(block.MlpHiddenWeights).AddRowVector(block.MlpHiddenBias).Activate(Activation.ReLU);   // (B·T) x 4d
            x = x.Add(hidden.MatMul(block.MlpOutputWeights).AddRowVector(block.MlpOutputBias));              // (B·T) x d
        }

        return x.LayerNorm(model.FinalNormGain, model.FinalNormBias).MatMul(model.Readout).AddRowVector(model.ReadoutBias);   // (B·T) x V
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
        CheckPairs("NextTokenLoss", inputs, targets);
        Tensor logits = model.Forward(inputs);

        // The rows that have a target, and their targets: the loss is the mean over those positions only.
        int length = inputs[0].Length;
        var rows = new List<int>();
        var labels = new List<int>();
        for (int b = 0; b < targets.Length; b++)
        {
            for (int t = 0; t < length; t++)
            {
                if (targets[b][t] != TinyGpt.NoTarget)
                {
                    rows.Add((b * length) + t);
                    labels.Add(targets[b][t]);
                }
            }
        }

        if (rows.Count == 0)
        {
            throw new ArgumentException($"NextTokenLoss: no position of the {inputs.Length} sequences has a target; every target is {TinyGpt.NoTarget}.", nameof(targets));
        }

        return logits.Rows([.. rows]).SoftmaxCrossEntropy([.. labels]);
    }

    /// <summary>
    /// One optimizer step on a batch: every parameter's Grad set to zeros, the <see cref="NextTokenLoss"/>, one Backward,
    /// then <c>optimizer.Step(parameter.Data, parameter.Grad)</c> for every tensor of model.Parameters. Afterwards
    /// each parameter's Grad holds this batch's gradient. Returns the loss before the step.
    /// </summary>
    public static double TrainStep(this TinyGpt model, int[][] inputs, int[][] targets, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        IReadOnlyList<Tensor> parameters = model.Parameters;
        foreach (Tensor p in parameters)
        {
            p.Grad = new Matrix(p.Rows, p.Cols);   // the leaves outlive the graph: last step's gradient must go
        }

        Tensor loss = model.NextTokenLoss(inputs, targets);
        loss.Backward();
        foreach (Tensor p in parameters)
        {
            optimizer.Step(p.Data, p.Grad);
        }

        return loss.Data[0, 0];
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
        CheckPairs("Train", inputs, targets);
        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException($"Train: epochs ({epochs}) and batchSize ({batchSize}) must be at least 1.");
        }

        int batches = (inputs.Length + batchSize - 1) / batchSize;
        var losses = new List<double>(epochs * batches);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize, end = Math.Min(start + batchSize, inputs.Length);
                double loss = model.TrainStep(inputs[start..end], targets[start..end], optimizer);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch, epochs, batch + 1, batches, end - start, loss));
            }
        }

        return losses;
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
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(temperature >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Generate: the temperature must be 0 (greedy) or more.");
        }

        CheckSequences(model, [prompt], croppedToContext: true);
        var tokens = new List<int>(prompt);
        var written = new int[count];
        for (int i = 0; i < count; i++)
        {
            // The model sees at most ContextLength tokens: the latest ones.
            int from = Math.Max(0, tokens.Count - model.Settings.ContextLength);
            Matrix logits = model.Forward([[.. tokens.Skip(from)]]).Data;
            double[] z = logits.Row(logits.Rows - 1).ToArray();   // the scores of the token after the last one
            written[i] = temperature == 0 ? ArgMax(z) : Draw(z, temperature, random);
            tokens.Add(written[i]);
        }

        return written;
    }

    // The first index of the largest score.
    private static int ArgMax(double[] z)
    {
        int best = 0;
        for (int k = 1; k < z.Length; k++)
        {
            if (z[k] > z[best])
            {
                best = k;
            }
        }

        return best;
    }

    // p = softmax(z / τ) with your checkpoint-4 Softmax; the first k with p₀ + … + p_k > r.
    private static int Draw(double[] z, double temperature, Random random)
    {
        double[] p = Loss.Softmax(Matrix.RowVector([.. z.Select(v => v / temperature)])).Data;
        double r = random.NextDouble(), cumulative = 0;
        for (int k = 0; k < p.Length; k++)
        {
            cumulative += p[k];
            if (cumulative > r)
            {
                return k;
            }
        }

        return p.Length - 1;
    }

    // Checks a batch of sequences and returns their common length.
    private static int CheckSequences(TinyGpt model, int[][] sequences, bool croppedToContext = false)
    {
        if (sequences is not { Length: > 0 } || sequences[0] is not { Length: > 0 })
        {
            throw new ArgumentException("Forward: give at least one sequence of at least one token.", nameof(sequences));
        }

        int length = sequences[0].Length, vocabulary = model.Settings.Vocabulary;
        foreach (int[] sequence in sequences)
        {
            if (sequence.Length != length || (!croppedToContext && length > model.Settings.ContextLength))
            {
                throw new ArgumentException(
                    $"Forward: every sequence of a batch must have the same length, from 1 to the context length {model.Settings.ContextLength} (got {sequence.Length} and {length}).",
                    nameof(sequences));
            }

            if (sequence.Any(token => (uint)token >= (uint)vocabulary))
            {
                throw new ArgumentException($"Forward: every token must be from 0 to {vocabulary - 1} (got [{string.Join(", ", sequence)}]).", nameof(sequences));
            }
        }

        return length;
    }

    private static void CheckPairs(string operation, int[][] inputs, int[][] targets)
    {
        if (inputs.Length != targets.Length || inputs.Where((x, i) => x.Length != targets[i].Length).Any())
        {
            throw new ArgumentException($"{operation}: give one target sequence, as long as its input, per input sequence ({inputs.Length} inputs, {targets.Length} targets).", nameof(targets));
        }
    }
}
