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
        (Matrix q, Matrix k, Matrix v) = Project(layer, x);
        var heads = new Matrix(x.Rows, layer.ModelWidth);
        for (int h = 0; h < layer.Heads; h++)
        {
            int first = h * layer.HeadWidth;
            Place(heads, first, Attention.Attend(Columns(q, first, layer.HeadWidth), Columns(k, first, layer.HeadWidth), Columns(v, first, layer.HeadWidth), causal));
        }

        return LinearAlgebra.MatMul(heads, layer.OutputWeights);   // concat(heads)·W_O: (T x d)(d x d)
    }

    /// <summary>
    /// Backpropagation through <see cref="Forward"/>: given ∂loss/∂Y for Y = layer.Forward(x, causal)
    /// (T x ModelWidth), returns ∂loss/∂W_Q, ∂loss/∂W_K, ∂loss/∂W_V, ∂loss/∂W_O and ∂loss/∂X.
    /// </summary>
    public static AttentionGradients Backward(this AttentionLayer layer, Matrix x, bool causal, Matrix outputGradient)
    {
        (Matrix q, Matrix k, Matrix v) = Project(layer, x);
        int width = layer.HeadWidth;

        // Forward again, keeping C = concat(heads) for W_O's gradient; dC = dY·W_Oᵀ is split the same way.
        var concat = new Matrix(x.Rows, layer.ModelWidth);
        Matrix dQ = new(x.Rows, layer.ModelWidth), dK = new(x.Rows, layer.ModelWidth), dV = new(x.Rows, layer.ModelWidth);
        Matrix dConcat = LinearAlgebra.MatMul(outputGradient, LinearAlgebra.Transpose(layer.OutputWeights));
        for (int h = 0; h < layer.Heads; h++)
        {
            int first = h * width;
            Matrix qh = Columns(q, first, width), kh = Columns(k, first, width), vh = Columns(v, first, width);
            Place(concat, first, Attention.Attend(qh, kh, vh, causal));
            (Matrix dQh, Matrix dKh, Matrix dVh) = Attention.Backward(qh, kh, vh, causal, Columns(dConcat, first, width));
            Place(dQ, first, dQh);
            Place(dK, first, dKh);
            Place(dV, first, dVh);
        }

        // Each projection is a dense layer without bias: dW = Xᵀ·dQ, and X reaches the loss through all three.
        Matrix xT = LinearAlgebra.Transpose(x);
        Matrix dX = LinearAlgebra.Add(
            LinearAlgebra.Add(
                LinearAlgebra.MatMul(dQ, LinearAlgebra.Transpose(layer.QueryWeights)),
                LinearAlgebra.MatMul(dK, LinearAlgebra.Transpose(layer.KeyWeights))),
            LinearAlgebra.MatMul(dV, LinearAlgebra.Transpose(layer.ValueWeights)));
        return new AttentionGradients(
            LinearAlgebra.MatMul(xT, dQ),
            LinearAlgebra.MatMul(xT, dK),
            LinearAlgebra.MatMul(xT, dV),
            LinearAlgebra.MatMul(LinearAlgebra.Transpose(concat), outputGradient),
            dX);
    }

    // Q, K and V of every token: (T x d)(d x d) each.
    private static (Matrix Q, Matrix K, Matrix V) Project(AttentionLayer layer, Matrix x)
    {
        if (x.Cols != layer.ModelWidth)
        {
            throw new ArgumentException(
                $"SelfAttention: the input is {x.Shape}, but the layer's tokens are {layer.ModelWidth} wide (T x {layer.ModelWidth}).", nameof(x));
        }

        return (LinearAlgebra.MatMul(x, layer.QueryWeights), LinearAlgebra.MatMul(x, layer.KeyWeights), LinearAlgebra.MatMul(x, layer.ValueWeights));
    }

    // Columns first … first + count − 1 of m: one head's slice.
    private static Matrix Columns(Matrix m, int first, int count)
    {
        var slice = new Matrix(m.Rows, count);
        for (int i = 0; i < m.Rows; i++)
        {
            m.Row(i).Slice(first, count).CopyTo(slice.Row(i));
        }

        return slice;
    }

    // Writes a head's slice back into columns first … of target: the inverse of Columns.
    private static void Place(Matrix target, int first, Matrix slice)
    {
        for (int i = 0; i < slice.Rows; i++)
        {
            slice.Row(i).CopyTo(target.Row(i).Slice(first, slice.Cols));
        }
    }
}
