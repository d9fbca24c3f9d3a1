// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// What <see cref="SelfAttention.Backward"/> returns: how fast the loss changes with each weight of an
/// <see cref="AttentionLayer"/> (each ModelWidth x ModelWidth, like the weights) and with the layer's input X
/// (T x ModelWidth, like X), given how fast it changes with the layer's output.
/// </summary>
public sealed class AttentionGradients
{
    /// <summary>Wraps the gradients (used, not copied).</summary>
    public AttentionGradients(Matrix query, Matrix key, Matrix value, Matrix output, Matrix input)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        Query = query;
        Key = key;
        Value = value;
        Output = output;
        Input = input;
    }

    /// <summary>∂loss/∂W_Q, the shape of <see cref="AttentionLayer.QueryWeights"/>.</summary>
    public Matrix Query { get; }

    /// <summary>∂loss/∂W_K, the shape of <see cref="AttentionLayer.KeyWeights"/>.</summary>
    public Matrix Key { get; }

    /// <summary>∂loss/∂W_V, the shape of <see cref="AttentionLayer.ValueWeights"/>.</summary>
    public Matrix Value { get; }

    /// <summary>∂loss/∂W_O, the shape of <see cref="AttentionLayer.OutputWeights"/>.</summary>
    public Matrix Output { get; }

    /// <summary>∂loss/∂X, the shape of the layer's input: what flows back to the token embeddings.</summary>
    public Matrix Input { get; }
}
