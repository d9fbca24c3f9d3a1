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
        var rows = new Matrix(indices.Length, table.Cols);
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)table.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Rows: index {indices[i]} (at {i}) is not a row of a {table.Shape} tensor.");
            }

            table.Data.Row(indices[i]).CopyTo(rows.Row(i));
        }

        return new Tensor(rows, "Rows", [table], output =>
        {
            // Scatter: each row of dC goes back to the row it was copied from; a row used twice collects both.
            var delta = new Matrix(table.Rows, table.Cols);
            for (int i = 0; i < indices.Length; i++)
            {
                Span<double> target = delta.Row(indices[i]);
                ReadOnlySpan<double> source = output.Grad.Row(i);
                for (int j = 0; j < target.Length; j++)
                {
                    target[j] += source[j];
                }
            }

            table.Grad = LinearAlgebra.Add(table.Grad, delta);
        });
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
        int n = x.Rows, d = x.Cols;
        if (gain.Rows != 1 || gain.Cols != d || bias.Rows != 1 || bias.Cols != d)
        {
            throw new ArgumentException($"LayerNorm: the gain ({gain.Shape}) and the bias ({bias.Shape}) of a {x.Shape} tensor must both be 1x{d}.", nameof(gain));
        }

        // Forward, keeping x̂ and 1/√(σ² + ε) of every row for the backward step.
        var normalized = new Matrix(n, d);
        var inverseDeviation = new double[n];
        var y = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = x.Data.Row(i);
            double mean = 0, variance = 0;
            foreach (double v in row)
            {
                mean += v / d;
            }

            foreach (double v in row)
            {
                variance += (v - mean) * (v - mean) / d;
            }

            inverseDeviation[i] = 1 / Math.Sqrt(variance + TinyGpt.LayerNormEpsilon);
            for (int j = 0; j < d; j++)
            {
                normalized[i, j] = (row[j] - mean) * inverseDeviation[i];
                y[i, j] = (normalized[i, j] * gain.Data[0, j]) + bias.Data[0, j];   // x̂ ⊙ γ + β
            }
        }

        return new Tensor(y, "LayerNorm", [x, gain, bias], output =>
        {
            Matrix dY = output.Grad;
            var dX = new Matrix(n, d);
            var dGain = new Matrix(1, d);
            var dBias = new Matrix(1, d);
            for (int i = 0; i < n; i++)
            {
                // g = dY ⊙ γ is the gradient of x̂; x̂ depends on every number of its row through μ and σ:
                // dx = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / √(σ² + ε).
                double meanG = 0, meanGx = 0;
                for (int j = 0; j < d; j++)
                {
                    double g = dY[i, j] * gain.Data[0, j];
                    meanG += g / d;
                    meanGx += g * normalized[i, j] / d;
                    dGain[0, j] += dY[i, j] * normalized[i, j];
                    dBias[0, j] += dY[i, j];
                }

                for (int j = 0; j < d; j++)
                {
                    double g = dY[i, j] * gain.Data[0, j];
                    dX[i, j] = (g - meanG - (normalized[i, j] * meanGx)) * inverseDeviation[i];
                }
            }

            x.Grad = LinearAlgebra.Add(x.Grad, dX);
            gain.Grad = LinearAlgebra.Add(gain.Grad, dGain);
            bias.Grad = LinearAlgebra.Add(bias.Grad, dBias);
        });
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
        if (sequenceLength < 1 || x.Rows % sequenceLength != 0 || x.Cols != block.Width)
        {
            throw new ArgumentException(
                $"CausalSelfAttention: a {x.Shape} tensor is not sequences of {sequenceLength} rows of width {block.Width} one after another.", nameof(x));
        }

        int sequences = x.Rows / sequenceLength;
        AttentionLayer layer = block.Attention;   // checkpoint 11's layer over the block's own weight matrices
        var y = new Matrix(x.Rows, x.Cols);
        for (int b = 0; b < sequences; b++)
        {
            Place(y, b * sequenceLength, layer.Forward(RowsOf(x.Data, b * sequenceLength, sequenceLength), causal: true));
        }

        Tensor[] weights = [block.QueryWeights, block.KeyWeights, block.ValueWeights, block.OutputWeights];
        return new Tensor(y, "CausalSelfAttention", [x, .. weights], output =>
        {
            // Each sequence is its own checkpoint-11 layer call: its rows of dX, and its share of every weight's gradient.
            var dX = new Matrix(x.Rows, x.Cols);
            Matrix[] dW = [.. weights.Select(w => new Matrix(w.Rows, w.Cols))];
            for (int b = 0; b < sequences; b++)
            {
                int first = b * sequenceLength;
                AttentionGradients g = layer.Backward(RowsOf(x.Data, first, sequenceLength), causal: true, RowsOf(output.Grad, first, sequenceLength));
                Place(dX, first, g.Input);
                Matrix[] shares = [g.Query, g.Key, g.Value, g.Output];
                for (int w = 0; w < dW.Length; w++)
                {
                    dW[w] = LinearAlgebra.Add(dW[w], shares[w]);
                }
            }

            x.Grad = LinearAlgebra.Add(x.Grad, dX);
            for (int w = 0; w < weights.Length; w++)
            {
                weights[w].Grad = LinearAlgebra.Add(weights[w].Grad, dW[w]);
            }
        });
    }

    // Rows first … first + count − 1 of m, copied: one sequence.
    private static Matrix RowsOf(Matrix m, int first, int count) =>
        new(count, m.Cols, m.Data[(first * m.Cols)..((first + count) * m.Cols)]);

    // Writes the rows of part into target from row first on.
    private static void Place(Matrix target, int first, Matrix part) =>
        part.Data.CopyTo(target.Data, first * target.Cols);
}
