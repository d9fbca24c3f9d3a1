namespace Kata.Tests.Checkpoint14.HoldOut;

using Kata.Tests.Checkpoint11.HoldOut;
using Kata.TestSupport;

/// <summary>
/// Checkpoint 14 written out with plain loops from its definitions, without any learner code (Matrix,
/// Tensor, GptBlock and TinyGpt are provided; the attention is checkpoint 11's reference): the row lookup,
/// the layer norm and its chain rule, causal attention sequence by sequence, the whole forward pass, the
/// loss of the next token and its gradient by central differences, and writing with a temperature. The
/// hold-outs compare the learner's methods with it.
/// </summary>
internal static class GptReference
{
    /// <summary>Row indices[i] of the table as row i.</summary>
    public static Matrix Rows(Matrix table, int[] indices)
    {
        var rows = new Matrix(indices.Length, table.Cols);
        for (int i = 0; i < indices.Length; i++)
        {
            for (int j = 0; j < table.Cols; j++)
            {
                rows[i, j] = table[indices[i], j];
            }
        }

        return rows;
    }

    /// <summary>Each row's (x − μ)/√(σ² + ε) ⊙ γ + β, with μ and σ² its mean and variance (divided by d).</summary>
    public static Matrix LayerNorm(Matrix x, Matrix gain, Matrix bias)
    {
        var y = new Matrix(x.Rows, x.Cols);
        for (int i = 0; i < x.Rows; i++)
        {
            (double mean, double root) = Moments(x, i);
            for (int j = 0; j < x.Cols; j++)
            {
                y[i, j] = ((x[i, j] - mean) / root * gain[0, j]) + bias[0, j];
            }
        }

        return y;
    }

    /// <summary>
    /// The chain rule through <see cref="LayerNorm"/>: with x̂ the normalised row and g = dY ⊙ γ,
    /// dx = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / √(σ² + ε); dγ = Σ_rows dY ⊙ x̂; dβ = Σ_rows dY.
    /// </summary>
    public static (Matrix Input, Matrix Gain, Matrix Bias) LayerNormBackward(Matrix x, Matrix gain, Matrix outputGradient)
    {
        int d = x.Cols;
        var dX = new Matrix(x.Rows, d);
        var dGain = new Matrix(1, d);
        var dBias = new Matrix(1, d);
        for (int i = 0; i < x.Rows; i++)
        {
            (double mean, double root) = Moments(x, i);
            double[] normalized = [.. Enumerable.Range(0, d).Select(j => (x[i, j] - mean) / root)];
            double[] g = [.. Enumerable.Range(0, d).Select(j => outputGradient[i, j] * gain[0, j])];
            double meanG = g.Average(), meanGx = g.Zip(normalized, (a, b) => a * b).Average();
            for (int j = 0; j < d; j++)
            {
                dX[i, j] = (g[j] - meanG - (normalized[j] * meanGx)) / root;
                dGain[0, j] += outputGradient[i, j] * normalized[j];
                dBias[0, j] += outputGradient[i, j];
            }
        }

        return (dX, dGain, dBias);
    }

    /// <summary>Checkpoint 11's reference layer with the causal mask on each run of <paramref name="length"/> rows.</summary>
    public static Matrix Attention(AttentionReference.Weights w, Matrix x, int length)
    {
        var y = new Matrix(x.Rows, x.Cols);
        for (int first = 0; first < x.Rows; first += length)
        {
            Place(y, first, AttentionReference.SelfAttention(w, RowsOf(x, first, length), causal: true));
        }

        return y;
    }

    /// <summary>The chain rule through <see cref="Attention"/>: each sequence's rows of dX, and the four weight gradients summed over the sequences.</summary>
    public static (AttentionReference.Weights Weights, Matrix Input) AttentionBackward(AttentionReference.Weights w, Matrix x, int length, Matrix outputGradient)
    {
        var dX = new Matrix(x.Rows, x.Cols);
        Matrix[] dW = [.. Enumerable.Range(0, 4).Select(_ => new Matrix(w.Width, w.Width))];
        for (int first = 0; first < x.Rows; first += length)
        {
            (AttentionReference.Weights g, Matrix input) = AttentionReference.SelfAttentionBackward(w, RowsOf(x, first, length), causal: true, RowsOf(outputGradient, first, length));
            Place(dX, first, input);
            Matrix[] shares = [g.Query, g.Key, g.Value, g.Output];
            for (int k = 0; k < 4; k++)
            {
                for (int i = 0; i < dW[k].Data.Length; i++)
                {
                    dW[k].Data[i] += shares[k].Data[i];
                }
            }
        }

        return (new AttentionReference.Weights(dW[0], dW[1], dW[2], dW[3], w.Heads), dX);
    }

    /// <summary>The model's logits for a batch of sequences of one length: (B·T) x V, row b·T + t for position t of sequence b.</summary>
    public static Matrix Logits(TinyGpt model, int[][] sequences)
    {
        int length = sequences[0].Length;
        int[] tokens = [.. sequences.SelectMany(s => s)];
        int[] positions = [.. sequences.SelectMany(_ => Enumerable.Range(0, length))];
        Matrix x = Plus(Rows(model.TokenEmbedding.Data, tokens), Rows(model.PositionEmbedding.Data, positions));
        foreach (GptBlock block in model.Blocks)
        {
            Matrix normed = LayerNorm(x, block.AttentionNormGain.Data, block.AttentionNormBias.Data);
            x = Plus(x, Attention(AttentionReference.Weights.Of(block.Attention), normed, length));
            normed = LayerNorm(x, block.MlpNormGain.Data, block.MlpNormBias.Data);
            Matrix hidden = Map(Bias(AttentionReference.Product(normed, block.MlpHiddenWeights.Data), block.MlpHiddenBias.Data), v => Math.Max(0, v));
            x = Plus(x, Bias(AttentionReference.Product(hidden, block.MlpOutputWeights.Data), block.MlpOutputBias.Data));
        }

        return Bias(AttentionReference.Product(LayerNorm(x, model.FinalNormGain.Data, model.FinalNormBias.Data), model.Readout.Data), model.ReadoutBias.Data);
    }

    /// <summary>The mean over the positions with a target of −log softmax(logits)[target] (log-sum-exp).</summary>
    public static double Loss(TinyGpt model, int[][] inputs, int[][] targets)
    {
        Matrix logits = Logits(model, inputs);
        int length = inputs[0].Length, count = 0;
        double total = 0;
        for (int b = 0; b < inputs.Length; b++)
        {
            for (int t = 0; t < length; t++)
            {
                if (targets[b][t] != TinyGpt.NoTarget)
                {
                    int row = (b * length) + t;
                    double max = Enumerable.Range(0, logits.Cols).Max(j => logits[row, j]);
                    total += max + Math.Log(Enumerable.Range(0, logits.Cols).Sum(j => Math.Exp(logits[row, j] - max))) - logits[row, targets[b][t]];
                    count++;
                }
            }
        }

        return total / count;
    }

    /// <summary>
    /// ∂Loss/∂θ for every number θ of the model's parameters, in the order of model.Parameters, by central
    /// differences (h = 10⁻⁵) of <see cref="Loss"/> on a copy: accurate to about 10⁻⁸ here.
    /// </summary>
    public static double[] Gradient(TinyGpt model, int[][] inputs, int[][] targets)
    {
        const double H = 1e-5;
        TinyGpt copy = model.Clone();
        var gradient = new List<double>();
        foreach (Tensor p in copy.Parameters)
        {
            double[] data = p.Data.Data;
            for (int i = 0; i < data.Length; i++)
            {
                double keep = data[i];
                data[i] = keep + H;
                double up = Loss(copy, inputs, targets);
                data[i] = keep - H;
                double down = Loss(copy, inputs, targets);
                data[i] = keep;
                gradient.Add((up - down) / (2 * H));
            }
        }

        return [.. gradient];
    }

    /// <summary>
    /// <paramref name="count"/> tokens after the prompt: each from the last row of the logits of the last
    /// ContextLength tokens; greedy at temperature 0, else the first k whose cumulative softmax(z / τ) exceeds
    /// one random.NextDouble().
    /// </summary>
    public static int[] Generate(TinyGpt model, int[] prompt, int count, double temperature, Random random)
    {
        var tokens = new List<int>(prompt);
        for (int i = 0; i < count; i++)
        {
            int[] context = [.. tokens.Skip(Math.Max(0, tokens.Count - model.Settings.ContextLength))];
            Matrix logits = Logits(model, [context]);
            double[] z = [.. Enumerable.Range(0, logits.Cols).Select(j => logits[logits.Rows - 1, j])];
            int next = z.Length - 1;
            if (temperature == 0)
            {
                next = Array.IndexOf(z, z.Max());
            }
            else
            {
                double max = z.Max() / temperature, sum = z.Sum(v => Math.Exp((v / temperature) - max)), r = random.NextDouble(), cumulative = 0;
                for (int k = 0; k < z.Length; k++)
                {
                    cumulative += Math.Exp((z[k] / temperature) - max) / sum;
                    if (cumulative > r)
                    {
                        next = k;
                        break;
                    }
                }
            }

            tokens.Add(next);
        }

        return [.. tokens.Skip(prompt.Length)];
    }

    /// <summary>A model of drawn sizes (V 3–6, T 2–5, 1–2 heads of width 1–3, 1–2 layers) and drawn parameters: gains in [0.5, 1.5], the rest in [−0.6, 0.6].</summary>
    public static TinyGpt DrawModel(Random random)
    {
        int heads = GradeTime.Between(random, 1, 2);
        var settings = new GptSettings(GradeTime.Between(random, 3, 6), GradeTime.Between(random, 2, 5), heads * GradeTime.Between(random, 1, 3), heads, GradeTime.Between(random, 1, 2));
        var model = new TinyGpt(settings, seed: 0);
        foreach ((Tensor p, string name) in model.Parameters.Zip(TestGpt.ParameterNames(model)))
        {
            bool gain = name.Contains("Gain", StringComparison.Ordinal);
            double[] drawn = gain ? GradeTime.Vector(random, p.Data.Data.Length, 0.5, 1.5) : GradeTime.Vector(random, p.Data.Data.Length, -0.6, 0.6);
            drawn.CopyTo(p.Data.Data, 0);
        }

        return model;
    }

    /// <summary><paramref name="count"/> sequences of <paramref name="length"/> drawn tokens from 0 to vocabulary − 1.</summary>
    public static int[][] DrawSequences(Random random, int count, int length, int vocabulary) =>
        [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => GradeTime.Between(random, 0, vocabulary - 1)).ToArray())];

    /// <summary>Targets for <paramref name="inputs"/>: drawn tokens, some −1, at least one position with a target.</summary>
    public static int[][] DrawTargets(Random random, int[][] inputs, int vocabulary)
    {
        int[][] targets = [.. inputs.Select(s => s.Select(_ => GradeTime.Between(random, 0, 3) == 0 ? TinyGpt.NoTarget : GradeTime.Between(random, 0, vocabulary - 1)).ToArray())];
        targets[0][^1] = GradeTime.Between(random, 0, vocabulary - 1);
        return targets;
    }

    private static (double Mean, double Root) Moments(Matrix x, int row)
    {
        double mean = Enumerable.Range(0, x.Cols).Average(j => x[row, j]);
        double variance = Enumerable.Range(0, x.Cols).Average(j => (x[row, j] - mean) * (x[row, j] - mean));
        return (mean, Math.Sqrt(variance + TinyGpt.LayerNormEpsilon));
    }

    private static Matrix RowsOf(Matrix m, int first, int count) => new(count, m.Cols, m.Data[(first * m.Cols)..((first + count) * m.Cols)]);

    private static void Place(Matrix target, int first, Matrix part) => part.Data.CopyTo(target.Data, first * target.Cols);

    private static Matrix Plus(Matrix a, Matrix b) => new(a.Rows, a.Cols, [.. a.Data.Zip(b.Data, (p, q) => p + q)]);

    private static Matrix Map(Matrix a, Func<double, double> f) => new(a.Rows, a.Cols, [.. a.Data.Select(f)]);

    private static Matrix Bias(Matrix a, Matrix row)
    {
        var result = new Matrix(a.Rows, a.Cols);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = a[i, j] + row[0, j];
            }
        }

        return result;
    }
}
