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
        Func<double, double> derivative = activation switch
        {
            // σ' = σ·(1 − σ): the sigmoid's slope is largest (1/4) at 0 and vanishes for large |z|.
            Activation.Sigmoid => static v => SigmoidSlope(Activations.Sigmoid(v)),

            // ReLU's slope is 1 for positive z and 0 for negative z; at exactly 0 we take 0.
            Activation.ReLU => static v => v > 0 ? 1.0 : 0.0,
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "ActivationDerivative: unknown activation."),
        };

        var result = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Data.Length; i++)
        {
            result.Data[i] = derivative(z.Data[i]);
        }

        return result;
    }

    // The sigmoid's slope from its value s = σ(z): σ'(z) = s·(1 − s).
    private static double SigmoidSlope(double s) => s * (1.0 - s);

    /// <summary>
    /// The loss of the batch <paramref name="x"/> (one sample per row) with the classes
    /// <paramref name="labels"/>, and its gradient with respect to every weight and bias of the
    /// network. Runs the forward pass keeping each layer's input and weighted sums, then walks back
    /// from the output. Changes neither the network nor x.
    /// </summary>
    public static Gradients Backward(this Network network, Matrix x, int[] labels)
    {
        int layers = network.LayerCount;

        // Forward pass, remembering what the backward pass needs: activations[l] is the input of
        // layer l (n x LayerSizes[l]; activations[0] = x) and z[l] its weighted sums (n x LayerSizes[l + 1]).
        var activations = new Matrix[layers];
        var z = new Matrix[layers];
        Matrix a = x;
        for (int l = 0; l < layers; l++)
        {
            activations[l] = a;
            z[l] = LinearAlgebra.AddRowVector(network.MatMul(a, network.Weights[l]), network.Biases[l]);
            a = l == layers - 1 ? z[l] : Activations.Apply(z[l], network.HiddenActivation);
        }

        Matrix logits = z[layers - 1];
        double loss = Loss.CrossEntropy(logits, labels);

        // delta = ∂loss/∂z[l], n x LayerSizes[l + 1]. At the output it is (softmax − one-hot) / n.
        Matrix delta = Loss.CrossEntropyGradient(logits, labels);
        var nablaW = new Matrix[layers];
        var nablaB = new double[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            // z = a·W + b, so ∂loss/∂W = aᵀ·delta (n_l x n, times n x n_{l+1}) and ∂loss/∂b = the
            // column sums of delta (the bias is added to every sample's row).
            nablaW[l] = network.MatMul(LinearAlgebra.Transpose(activations[l]), delta);
            nablaB[l] = LinearAlgebra.ColumnSums(delta);

            if (l > 0)
            {
                // Back through W: ∂loss/∂a = delta·Wᵀ (n x n_l); back through the activation a = f(z[l − 1]):
                // multiply entry by entry with f'(z[l − 1]).
                Matrix nablaA = network.MatMul(delta, LinearAlgebra.Transpose(network.Weights[l]));
                delta = LinearAlgebra.Hadamard(nablaA, ActivationDerivative(z[l - 1], network.HiddenActivation));
            }
        }

        return new Gradients(loss, nablaW, nablaB);
    }
}
