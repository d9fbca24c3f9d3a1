namespace NeuralNet;

// A plain learner's transformer layers: loops over rows and columns, each a node with its own closure.
public static class GptLayers
{
    public static Tensor Rows(this Tensor table, int[] indices)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= table.Rows)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), indices[i], $"Rows: index {indices[i]} is not a row of the {table.Shape} table.");
            }
        }

        var result = new Matrix(indices.Length, table.Cols);
        for (int i = 0; i < indices.Length; i++)
        {
            for (int j = 0; j < table.Cols; j++)
            {
                result[i, j] = table.Data[indices[i], j];
            }
        }

        return new Tensor(result, "Rows", [table], output =>
        {
            var scattered = new Matrix(table.Rows, table.Cols);
            for (int i = 0; i < indices.Length; i++)
            {
                for (int j = 0; j < table.Cols; j++)
                {
                    scattered[indices[i], j] += output.Grad[i, j];
                }
            }

            table.Grad = LinearAlgebra.Add(table.Grad, scattered);
        });
    }

    public static Tensor LayerNorm(this Tensor x, Tensor gain, Tensor bias)
    {
        int n = x.Rows;
        int d = x.Cols;
        if (gain.Rows != 1 || gain.Cols != d || bias.Rows != 1 || bias.Cols != d)
        {
            throw new ArgumentException(
                $"LayerNorm: the gain ({gain.Shape}) and the bias ({bias.Shape}) must both be 1x{d} for a {x.Shape} input.");
        }

        var normalised = new Matrix(n, d);   // x̂, kept for the backward step
        var inverse = new double[n];          // 1/√(σ² + ε) of every row
        var y = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            double mean = 0;
            for (int j = 0; j < d; j++)
            {
                mean += x.Data[i, j];
            }

            mean /= d;
            double variance = 0;
            for (int j = 0; j < d; j++)
            {
                double diff = x.Data[i, j] - mean;
                variance += diff * diff;
            }

            variance /= d;
            inverse[i] = 1 / Math.Sqrt(variance + TinyGpt.LayerNormEpsilon);
            for (int j = 0; j < d; j++)
            {
                normalised[i, j] = (x.Data[i, j] - mean) * inverse[i];
                y[i, j] = (normalised[i, j] * gain.Data[0, j]) + bias.Data[0, j];
            }
        }

        return new Tensor(y, "LayerNorm", [x, gain, bias], output =>
        {
            var dx = new Matrix(n, d);
            var dGain = new Matrix(1, d);
            var dBias = new Matrix(1, d);
            for (int i = 0; i < n; i++)
            {
                double meanG = 0;
                double meanGx = 0;
                for (int j = 0; j < d; j++)
                {
                    double g = output.Grad[i, j] * gain.Data[0, j];
                    meanG += g;
                    meanGx += g * normalised[i, j];
                }

                meanG /= d;
                meanGx /= d;
                for (int j = 0; j < d; j++)
                {
                    double g = output.Grad[i, j] * gain.Data[0, j];
                    dx[i, j] = (g - meanG - (normalised[i, j] * meanGx)) * inverse[i];
                    dGain[0, j] += output.Grad[i, j] * normalised[i, j];
                    dBias[0, j] += output.Grad[i, j];
                }
            }

            x.Grad = LinearAlgebra.Add(x.Grad, dx);
            gain.Grad = LinearAlgebra.Add(gain.Grad, dGain);
            bias.Grad = LinearAlgebra.Add(bias.Grad, dBias);
        });
    }

    public static Tensor CausalSelfAttention(this Tensor x, GptBlock block, int sequenceLength)
    {
        int t = sequenceLength;
        if (t < 1 || x.Rows % t != 0 || x.Cols != block.Width)
        {
            throw new ArgumentException(
                $"CausalSelfAttention: a {x.Shape} input cannot be cut into whole sequences of {t} rows of width {block.Width}.");
        }

        int sequences = x.Rows / t;
        AttentionLayer layer = block.Attention;
        var y = new Matrix(x.Rows, x.Cols);
        for (int b = 0; b < sequences; b++)
        {
            Matrix rows = CopyRows(x.Data, b * t, t);
            Matrix attended = layer.Forward(rows, causal: true);
            PasteRows(attended, y, b * t);
        }

        return new Tensor(y, "CausalSelfAttention", [x, block.QueryWeights, block.KeyWeights, block.ValueWeights, block.OutputWeights], output =>
        {
            int d = x.Cols;
            var dx = new Matrix(x.Rows, d);
            var dQuery = new Matrix(d, d);
            var dKey = new Matrix(d, d);
            var dValue = new Matrix(d, d);
            var dOutput = new Matrix(d, d);
            for (int b = 0; b < sequences; b++)
            {
                Matrix rows = CopyRows(x.Data, b * t, t);
                Matrix dRows = CopyRows(output.Grad, b * t, t);
                AttentionGradients grads = layer.Backward(rows, causal: true, dRows);
                PasteRows(grads.Input, dx, b * t);
                dQuery = LinearAlgebra.Add(dQuery, grads.Query);
                dKey = LinearAlgebra.Add(dKey, grads.Key);
                dValue = LinearAlgebra.Add(dValue, grads.Value);
                dOutput = LinearAlgebra.Add(dOutput, grads.Output);
            }

            x.Grad = LinearAlgebra.Add(x.Grad, dx);
            block.QueryWeights.Grad = LinearAlgebra.Add(block.QueryWeights.Grad, dQuery);
            block.KeyWeights.Grad = LinearAlgebra.Add(block.KeyWeights.Grad, dKey);
            block.ValueWeights.Grad = LinearAlgebra.Add(block.ValueWeights.Grad, dValue);
            block.OutputWeights.Grad = LinearAlgebra.Add(block.OutputWeights.Grad, dOutput);
        });
    }

    private static Matrix CopyRows(Matrix m, int first, int count)
    {
        var rows = new Matrix(count, m.Cols);
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < m.Cols; j++)
            {
                rows[i, j] = m[first + i, j];
            }
        }

        return rows;
    }

    private static void PasteRows(Matrix rows, Matrix into, int first)
    {
        for (int i = 0; i < rows.Rows; i++)
        {
            for (int j = 0; j < rows.Cols; j++)
            {
                into[first + i, j] = rows[i, j];
            }
        }
    }
}
