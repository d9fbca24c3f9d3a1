namespace NeuralNet;

/// <summary>
/// Checkpoint 4 — backpropagation: the chain rule, applied layer by layer from the loss back to the
/// first weights, gives every gradient of the loss in one backward sweep. Read checkpoints.md, section 4.
/// The class is <c>partial</c>: its provided other half, in Backpropagation.ActivationFunction.cs, gives
/// the derivative of later checkpoints' activations.
/// </summary>
public static partial class Backpropagation
{
    /// <summary>
    /// The derivative of the activation at every entry of <paramref name="z"/> (the weighted sums
    /// before the activation), in a new matrix of z's shape: σ'(z) = σ(z)·(1 − σ(z)) for sigmoid,
    /// and 1 where z &gt; 0, else 0, for ReLU.
    /// </summary>
    public static Matrix ActivationDerivative(Matrix z, Activation activation)
    {
        return new Matrix(z.Rows, z.Cols);
    }

    /// <summary>
    /// The loss of the batch <paramref name="x"/> (one sample per row) with the classes
    /// <paramref name="labels"/>, and its gradient with respect to every weight and bias of the
    /// network. Runs the forward pass keeping each layer's input and weighted sums, then walks back
    /// from the output. Changes neither the network nor x.
    /// </summary>
    public static Gradients Backward(this Network network, Matrix x, int[] labels)
    {
        return new Gradients(0, [.. network.Weights.Select(w => new Matrix(w.Rows, w.Cols))], [.. network.Biases.Select(b => new double[b.Length])]);
    }
}
