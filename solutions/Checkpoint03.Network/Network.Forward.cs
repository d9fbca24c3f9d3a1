namespace NeuralNet;

/// <summary>Checkpoint 3 — your part of the network: the forward pass.</summary>
public sealed partial class Network
{
    /// <summary>
    /// The forward pass for a batch <paramref name="x"/> (one sample per row, LayerSizes[0] columns).
    /// For each layer l: z = a · Weights[l] + Biases[l]; hidden layers pass on a = activation(z), the
    /// last layer returns z itself — the raw scores ("logits"), samples x LayerSizes[^1].
    /// </summary>
    /// <exception cref="ArgumentException">x does not have LayerSizes[0] columns (your MatMul already says so).</exception>
    public Matrix Forward(Matrix x)
    {
        Matrix a = x;
        for (int l = 0; l < LayerCount; l++)
        {
            // z = a·W + b: (samples x n_l) · (n_l x n_{l+1}), then the bias added to every row.
            Matrix z = LinearAlgebra.AddRowVector(MatMul(a, Weights[l]), Biases[l]);
            bool isOutputLayer = l == LayerCount - 1;
            a = isOutputLayer ? z : Activations.Apply(z, HiddenActivation);
        }

        return a;
    }
}
