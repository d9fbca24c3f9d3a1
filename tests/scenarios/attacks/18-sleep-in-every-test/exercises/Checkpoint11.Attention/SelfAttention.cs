namespace NeuralNet;

/// <summary>
/// Checkpoint 11 — a multi-head self-attention layer: every token of a sequence X (T x d_model) computes
/// its query, key and value from itself, and each head attends with its own slice of the columns.
/// Read checkpoints.md, section 11.
/// </summary>
public static class SelfAttention
{
    /// <summary>
    /// The layer's output (T x ModelWidth): Q = X·W_Q, K = X·W_K, V = X·W_V; head h is
    /// <see cref="Attention.Attend"/> on columns h·HeadWidth to (h + 1)·HeadWidth − 1 of Q, K and V; the
    /// heads' outputs side by side in the same columns (head 0 first), times W_O.
    /// </summary>
    /// <exception cref="ArgumentException">x.Cols != layer.ModelWidth.</exception>
    public static Matrix Forward(this AttentionLayer layer, Matrix x, bool causal)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }

    /// <summary>
    /// Backpropagation through <see cref="Forward"/>: given ∂loss/∂Y for Y = layer.Forward(x, causal)
    /// (T x ModelWidth), returns ∂loss/∂W_Q, ∂loss/∂W_K, ∂loss/∂W_V, ∂loss/∂W_O and ∂loss/∂X.
    /// </summary>
    public static AttentionGradients Backward(this AttentionLayer layer, Matrix x, bool causal, Matrix outputGradient)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
