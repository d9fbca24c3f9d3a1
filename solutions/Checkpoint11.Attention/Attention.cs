namespace NeuralNet;

/// <summary>
/// Checkpoint 11 — scaled dot-product attention, softmax(Q·Kᵀ/√d)·V, with an optional causal mask, and its
/// backward pass. A row of Q (n x d) is what one position looks for, a row of K (m x d) what one position
/// offers to be found by, a row of V (m x d_v) what it hands over. Read checkpoints.md, section 11.
/// </summary>
public static class Attention
{
    /// <summary>
    /// The scores S = Q·Kᵀ / √d (n x m): S[i, j] is how well query i matches key j. d = queries.Cols; dividing
    /// by √d keeps the scores' spread about 1 whatever d is, so the softmax does not saturate.
    /// </summary>
    /// <exception cref="ArgumentException">queries.Cols != keys.Cols; the message names Scores and both shapes.</exception>
    public static Matrix Scores(Matrix queries, Matrix keys)
    {
        if (queries.Cols != keys.Cols)
        {
            throw new ArgumentException(
                $"Scores: queries {queries.Shape} and keys {keys.Shape} must have the same width to be compared.", nameof(keys));
        }

        // n x d · d x m = n x m. A sum of d products of unit-variance numbers has variance d: / √d brings it back to 1.
        return LinearAlgebra.Scale(LinearAlgebra.MatMul(queries, LinearAlgebra.Transpose(keys)), 1 / Math.Sqrt(queries.Cols));
    }

    /// <summary>
    /// The attention weights: the softmax of each row of <paramref name="scores"/>, so that every row is
    /// positive where allowed and sums to 1. With <paramref name="causal"/>, row i may only look at
    /// columns j ≤ i: the entries j > i are set to −∞ before the softmax and come out exactly 0.
    /// </summary>
    public static Matrix Softmax(Matrix scores, bool causal)
    {
        if (!causal)
        {
            return Loss.Softmax(scores);
        }

        // e^−∞ = 0: a masked entry gets no weight, and the rest of its row still sums to 1.
        Matrix masked = scores.Clone();
        for (int i = 0; i < masked.Rows; i++)
        {
            for (int j = i + 1; j < masked.Cols; j++)
            {
                masked[i, j] = double.NegativeInfinity;
            }
        }

        return Loss.Softmax(masked);
    }

    /// <summary>
    /// Scaled dot-product attention: Softmax(Scores(Q, K), causal)·V. Row i of the result (n x d_v) is a
    /// weighted average of the rows of V, weighted by how well query i matches each key.
    /// </summary>
    /// <exception cref="ArgumentException">keys.Rows != values.Rows (one value per key), or the widths of Q and K differ.</exception>
    public static Matrix Attend(Matrix queries, Matrix keys, Matrix values, bool causal)
    {
        if (keys.Rows != values.Rows)
        {
            throw new ArgumentException($"Attend: keys {keys.Shape} and values {values.Shape} must have one row per position each.", nameof(values));
        }

        // (n x m) · (m x d_v) = n x d_v
        return LinearAlgebra.MatMul(Softmax(Scores(queries, keys), causal), values);
    }

    /// <summary>
    /// The softmax's backward pass, row by row: given the weights P = Softmax(S) and G = ∂loss/∂P, returns
    /// ∂loss/∂S with entries P[i, j]·(G[i, j] − Σ_k P[i, k]·G[i, k]). A masked weight is 0, so its score
    /// gets gradient 0.
    /// </summary>
    public static Matrix SoftmaxBackward(Matrix weights, Matrix weightsGradient)
    {
        var gradient = new Matrix(weights.Rows, weights.Cols);
        for (int i = 0; i < weights.Rows; i++)
        {
            // ∂p_j/∂s_k = p_j(δ_jk − p_k), so ∂loss/∂s_k = Σ_j g_j p_j(δ_jk − p_k) = p_k(g_k − Σ_j p_j g_j).
            double dot = LinearAlgebra.Dot(weights.Row(i).ToArray(), weightsGradient.Row(i).ToArray());
            for (int j = 0; j < weights.Cols; j++)
            {
                gradient[i, j] = weights[i, j] * (weightsGradient[i, j] - dot);
            }
        }

        return gradient;
    }

    /// <summary>
    /// Backpropagation through <see cref="Attend"/>: given ∂loss/∂O for O = Attend(Q, K, V, causal)
    /// (n x d_v), returns ∂loss/∂Q (n x d), ∂loss/∂K (m x d) and ∂loss/∂V (m x d_v), each the shape of its input.
    /// </summary>
    public static (Matrix Queries, Matrix Keys, Matrix Values) Backward(Matrix queries, Matrix keys, Matrix values, bool causal, Matrix outputGradient)
    {
        // Forward again, keeping the weights: P = softmax(mask(Q·Kᵀ/√d)), O = P·V.
        Matrix p = Softmax(Scores(queries, keys), causal);
        double scale = 1 / Math.Sqrt(queries.Cols);

        Matrix dV = LinearAlgebra.MatMul(LinearAlgebra.Transpose(p), outputGradient);          // Pᵀ·dO: (m x n)(n x d_v)
        Matrix dP = LinearAlgebra.MatMul(outputGradient, LinearAlgebra.Transpose(values));     // dO·Vᵀ: (n x d_v)(d_v x m)
        Matrix dS = SoftmaxBackward(p, dP);                                                    // n x m
        Matrix dQ = LinearAlgebra.Scale(LinearAlgebra.MatMul(dS, keys), scale);                // dS·K/√d: (n x m)(m x d)
        Matrix dK = LinearAlgebra.Scale(LinearAlgebra.MatMul(LinearAlgebra.Transpose(dS), queries), scale); // dSᵀ·Q/√d: (m x n)(n x d)
        return (dQ, dK, dV);
    }
}
