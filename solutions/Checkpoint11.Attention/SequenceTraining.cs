namespace NeuralNet;

/// <summary>
/// Checkpoint 11 — the toy sequence model end to end: embedding and positions, your self-attention layer,
/// a readout to one score per token, the cross-entropy of checkpoint 4 at every position, and training with
/// your optimizers of checkpoint 7. Read checkpoints.md, section 11.
/// </summary>
public static class SequenceTraining
{
    /// <summary>
    /// The model's scores for one sequence (T x Vocabulary), row t for position t:
    /// X = E[tokens] + Positions.Sinusoidal(T, ModelWidth); H = model.Attention.Forward(X, Causal); H·W_r + b_r.
    /// </summary>
    /// <exception cref="ArgumentException">A token is not in 0 … Vocabulary − 1, or the sequence is empty.</exception>
    public static Matrix Forward(this SequenceModel model, int[] tokens) => Pass(model, tokens).Logits;

    /// <summary>
    /// One optimizer step on a batch of sequences: the loss is the mean over the batch of each sequence's
    /// <see cref="Loss.CrossEntropy"/>(Forward(inputs[i]), targets[i]); its gradient is found by
    /// backpropagation through the readout, the attention layer and the embedding, and
    /// <paramref name="optimizer"/> steps every parameter: Embedding, the four attention weights, Readout and
    /// ReadoutBias. Returns the batch's loss before the step.
    /// </summary>
    /// <exception cref="ArgumentException">inputs and targets differ in count, or a target is not as long as its input.</exception>
    public static double TrainStep(this SequenceModel model, int[][] inputs, int[][] targets, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        CheckPairs("TrainStep", inputs, targets);
        AttentionLayer layer = model.Attention;
        int d = model.ModelWidth, vocabulary = model.Vocabulary;
        Matrix dE = new(vocabulary, d), dWq = new(d, d), dWk = new(d, d), dWv = new(d, d), dWo = new(d, d), dWr = new(d, vocabulary);
        var dBr = new double[vocabulary];
        double loss = 0;
        foreach ((int[] tokens, int[] target) in inputs.Zip(targets))
        {
            (Matrix x, Matrix h, Matrix logits) = Pass(model, tokens);
            loss += Loss.CrossEntropy(logits, target);

            // Backward, from the scores down. dZ = ∂loss/∂logits (T x V), already divided by T.
            Matrix dZ = Loss.CrossEntropyGradient(logits, target);
            dWr = LinearAlgebra.Add(dWr, LinearAlgebra.MatMul(LinearAlgebra.Transpose(h), dZ));        // Hᵀ·dZ: d x V
            double[] db = LinearAlgebra.ColumnSums(dZ);
            for (int j = 0; j < vocabulary; j++)
            {
                dBr[j] += db[j];
            }

            AttentionGradients g = layer.Backward(x, model.Causal, LinearAlgebra.MatMul(dZ, LinearAlgebra.Transpose(model.Readout)));  // dH = dZ·W_rᵀ: T x d
            dWq = LinearAlgebra.Add(dWq, g.Query);
            dWk = LinearAlgebra.Add(dWk, g.Key);
            dWv = LinearAlgebra.Add(dWv, g.Value);
            dWo = LinearAlgebra.Add(dWo, g.Output);

            // X[t] = E[tokens[t]] + PE[t]: row t of dX goes back to the row of its token (twice for a token used twice).
            for (int t = 0; t < tokens.Length; t++)
            {
                for (int j = 0; j < d; j++)
                {
                    dE[tokens[t], j] += g.Input[t, j];
                }
            }
        }

        // The batch's loss is the mean over its sequences, and so is every gradient.
        double n = inputs.Length;
        optimizer.Step(model.Embedding, LinearAlgebra.Scale(dE, 1 / n));
        optimizer.Step(layer.QueryWeights, LinearAlgebra.Scale(dWq, 1 / n));
        optimizer.Step(layer.KeyWeights, LinearAlgebra.Scale(dWk, 1 / n));
        optimizer.Step(layer.ValueWeights, LinearAlgebra.Scale(dWv, 1 / n));
        optimizer.Step(layer.OutputWeights, LinearAlgebra.Scale(dWo, 1 / n));
        optimizer.Step(model.Readout, LinearAlgebra.Scale(dWr, 1 / n));
        optimizer.Step(model.ReadoutBias, [.. dBr.Select(b => b / n)]);
        return loss / n;
    }

    /// <summary>
    /// Checkpoint 7's Train for sequences: <paramref name="epochs"/> times, the sequences in order in batches
    /// of <paramref name="batchSize"/> (the last may be smaller), one <see cref="TrainStep"/> per batch with the
    /// one <paramref name="optimizer"/>, <paramref name="progress"/> after each (Samples = sequences in the
    /// batch). Returns the loss of every batch, in order.
    /// </summary>
    /// <exception cref="ArgumentException">inputs and targets differ in count, or epochs or batchSize is less than 1.</exception>
    public static List<double> Train(
        this SequenceModel model,
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

    // The forward pass, keeping the attention layer's input X and output H for the backward pass.
    private static (Matrix X, Matrix H, Matrix Logits) Pass(SequenceModel model, int[] tokens)
    {
        if (tokens.Length == 0 || tokens.Any(token => (uint)token >= (uint)model.Vocabulary))
        {
            throw new ArgumentException(
                $"Forward: a sequence needs at least one token, and every token must be from 0 to {model.Vocabulary - 1} (got [{string.Join(", ", tokens)}]).",
                nameof(tokens));
        }

        // X[t] = E[tokens[t]] + PE[t]: T x d.
        Matrix x = Positions.Sinusoidal(tokens.Length, model.ModelWidth);
        for (int t = 0; t < tokens.Length; t++)
        {
            for (int j = 0; j < model.ModelWidth; j++)
            {
                x[t, j] += model.Embedding[tokens[t], j];
            }
        }

        Matrix h = model.Attention.Forward(x, model.Causal);                                       // T x d
        return (x, h, LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(h, model.Readout), model.ReadoutBias));  // T x V
    }

    private static void CheckPairs(string operation, int[][] inputs, int[][] targets)
    {
        if (inputs.Length != targets.Length)
        {
            throw new ArgumentException($"{operation}: {inputs.Length} input sequences but {targets.Length} target sequences; give one target per input.", nameof(targets));
        }

        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].Length != targets[i].Length)
            {
                throw new ArgumentException($"{operation}: sequence {i} has {inputs[i].Length} tokens but its target has {targets[i].Length}.", nameof(targets));
            }
        }
    }
}
