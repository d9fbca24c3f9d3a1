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
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
