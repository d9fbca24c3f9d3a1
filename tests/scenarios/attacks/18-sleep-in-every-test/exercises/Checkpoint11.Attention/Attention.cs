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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// The attention weights: the softmax of each row of <paramref name="scores"/>, so that every row is
    /// positive where allowed and sums to 1. With <paramref name="causal"/>, row i may only look at
    /// columns j ≤ i: the entries j > i are set to −∞ before the softmax and come out exactly 0.
    /// </summary>
    public static Matrix Softmax(Matrix scores, bool causal)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// Scaled dot-product attention: Softmax(Scores(Q, K), causal)·V. Row i of the result (n x d_v) is a
    /// weighted average of the rows of V, weighted by how well query i matches each key.
    /// </summary>
    /// <exception cref="ArgumentException">keys.Rows != values.Rows (one value per key), or the widths of Q and K differ.</exception>
    public static Matrix Attend(Matrix queries, Matrix keys, Matrix values, bool causal)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// The softmax's backward pass, row by row: given the weights P = Softmax(S) and G = ∂loss/∂P, returns
    /// ∂loss/∂S with entries P[i, j]·(G[i, j] − Σ_k P[i, k]·G[i, k]). A masked weight is 0, so its score
    /// gets gradient 0.
    /// </summary>
    public static Matrix SoftmaxBackward(Matrix weights, Matrix weightsGradient)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// Backpropagation through <see cref="Attend"/>: given ∂loss/∂O for O = Attend(Q, K, V, causal)
    /// (n x d_v), returns ∂loss/∂Q (n x d), ∂loss/∂K (m x d) and ∂loss/∂V (m x d_v), each the shape of its input.
    /// </summary>
    public static (Matrix Queries, Matrix Keys, Matrix Values) Backward(Matrix queries, Matrix keys, Matrix values, bool causal, Matrix outputGradient)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
