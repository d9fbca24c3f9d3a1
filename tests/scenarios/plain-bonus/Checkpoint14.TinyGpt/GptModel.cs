namespace NeuralNet;

// A plain learner's tiny GPT: the block diagram of checkpoints.md read top to bottom, one graph per batch.
public static class GptModel
{
    public static Tensor Forward(this TinyGpt model, int[][] sequences)
    {
        GptSettings settings = model.Settings;
        if (sequences.Length == 0)
        {
            throw new ArgumentException("Forward: give at least one sequence.");
        }

        int t = sequences[0].Length;
        if (t < 1 || t > settings.ContextLength)
        {
            throw new ArgumentException($"Forward: a sequence of {t} tokens, but the model reads 1 to {settings.ContextLength}.");
        }

        var tokens = new int[sequences.Length * t];
        var positions = new int[sequences.Length * t];
        for (int b = 0; b < sequences.Length; b++)
        {
            if (sequences[b].Length != t)
            {
                throw new ArgumentException($"Forward: sequence {b} has {sequences[b].Length} tokens and sequence 0 has {t}; every sequence of a batch needs the same length.");
            }

            for (int i = 0; i < t; i++)
            {
                int token = sequences[b][i];
                if (token < 0 || token >= settings.Vocabulary)
                {
                    throw new ArgumentException($"Forward: token {token} (sequence {b}, position {i}) is not from 0 to {settings.Vocabulary - 1}.");
                }

                tokens[(b * t) + i] = token;
                positions[(b * t) + i] = i;
            }
        }

        Tensor x = model.TokenEmbedding.Rows(tokens).Add(model.PositionEmbedding.Rows(positions));
        foreach (GptBlock block in model.Blocks)
        {
            Tensor attention = x.LayerNorm(block.AttentionNormGain, block.AttentionNormBias).CausalSelfAttention(block, t);
            x = x.Add(attention);

            Tensor hidden = x.LayerNorm(block.MlpNormGain, block.MlpNormBias)
                .MatMul(block.MlpHiddenWeights)
                .AddRowVector(block.MlpHiddenBias)
                .Activate(Activation.ReLU);
            Tensor mlp = hidden.MatMul(block.MlpOutputWeights).AddRowVector(block.MlpOutputBias);
            x = x.Add(mlp);
        }

        return x.LayerNorm(model.FinalNormGain, model.FinalNormBias).MatMul(model.Readout).AddRowVector(model.ReadoutBias);
    }

    public static Tensor NextTokenLoss(this TinyGpt model, int[][] inputs, int[][] targets)
    {
        if (inputs.Length != targets.Length)
        {
            throw new ArgumentException($"NextTokenLoss: {inputs.Length} input sequences but {targets.Length} target sequences.");
        }

        var rows = new List<int>();
        var labels = new List<int>();
        int row = 0;
        for (int b = 0; b < inputs.Length; b++)
        {
            if (inputs[b].Length != targets[b].Length)
            {
                throw new ArgumentException($"NextTokenLoss: sequence {b} has {inputs[b].Length} inputs but {targets[b].Length} targets.");
            }

            for (int i = 0; i < inputs[b].Length; i++)
            {
                if (targets[b][i] != TinyGpt.NoTarget)
                {
                    rows.Add(row);
                    labels.Add(targets[b][i]);
                }

                row++;
            }
        }

        if (rows.Count == 0)
        {
            throw new ArgumentException("NextTokenLoss: no position of the batch has a target (every target is -1).");
        }

        Tensor logits = model.Forward(inputs);
        return logits.Rows(rows.ToArray()).SoftmaxCrossEntropy(labels.ToArray());
    }

    public static double TrainStep(this TinyGpt model, int[][] inputs, int[][] targets, Optimizer optimizer)
    {
        foreach (Tensor p in model.Parameters)
        {
            p.Grad = new Matrix(p.Rows, p.Cols);
        }

        Tensor loss = model.NextTokenLoss(inputs, targets);
        loss.Backward();
        foreach (Tensor p in model.Parameters)
        {
            optimizer.Step(p.Data, p.Grad);
        }

        return loss.Data[0, 0];
    }

    public static List<double> Train(
        this TinyGpt model,
        int[][] inputs,
        int[][] targets,
        Optimizer optimizer,
        int epochs,
        int batchSize,
        Action<TrainingProgress>? progress = null)
    {
        if (inputs.Length != targets.Length)
        {
            throw new ArgumentException($"Train: {inputs.Length} input sequences but {targets.Length} target sequences.");
        }

        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException($"Train: epochs ({epochs}) and batchSize ({batchSize}) must be at least 1.");
        }

        int batches = (inputs.Length + batchSize - 1) / batchSize;
        var losses = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                int start = batch * batchSize;
                int end = Math.Min(start + batchSize, inputs.Length);
                double loss = model.TrainStep(inputs[start..end], targets[start..end], optimizer);
                losses.Add(loss);
                progress?.Invoke(new TrainingProgress(epoch + 1, epochs, batch + 1, batches, end - start, loss));
            }
        }

        return losses;
    }

    public static int[] Generate(this TinyGpt model, int[] prompt, int count, double temperature, Random random)
    {
        if (double.IsNaN(temperature) || temperature < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"Generate: the temperature must be 0 (greedy) or more, not {temperature}.");
        }

        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Generate: cannot write {count} tokens.");
        }

        if (prompt.Length == 0)
        {
            throw new ArgumentException("Generate: the prompt is empty.");
        }

        foreach (int token in prompt)
        {
            if (token < 0 || token >= model.Settings.Vocabulary)
            {
                throw new ArgumentException($"Generate: token {token} of the prompt is not from 0 to {model.Settings.Vocabulary - 1}.");
            }
        }

        var tokens = new List<int>(prompt);
        var written = new int[count];
        for (int n = 0; n < count; n++)
        {
            int start = Math.Max(0, tokens.Count - model.Settings.ContextLength);
            int[] context = tokens.GetRange(start, tokens.Count - start).ToArray();
            Matrix logits = model.Forward([context]).Data;
            int last = logits.Rows - 1;
            int v = logits.Cols;

            int next;
            if (temperature == 0)
            {
                next = 0;
                for (int k = 1; k < v; k++)
                {
                    if (logits[last, k] > logits[last, next])
                    {
                        next = k;
                    }
                }
            }
            else
            {
                var z = new double[v];
                double max = double.NegativeInfinity;
                for (int k = 0; k < v; k++)
                {
                    z[k] = logits[last, k] / temperature;
                    if (z[k] > max)
                    {
                        max = z[k];
                    }
                }

                double sum = 0;
                for (int k = 0; k < v; k++)
                {
                    sum += Math.Exp(z[k] - max);
                }

                double r = random.NextDouble();
                double cumulative = 0;
                next = v - 1;
                for (int k = 0; k < v; k++)
                {
                    cumulative += Math.Exp(z[k] - max) / sum;
                    if (cumulative > r)
                    {
                        next = k;
                        break;
                    }
                }
            }

            tokens.Add(next);
            written[n] = next;
        }

        return written;
    }
}
