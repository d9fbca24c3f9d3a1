// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// The weights and biases of a <see cref="Network"/> as leaves of a graph. <c>Weights[l]</c> wraps the
/// network's own <c>Weights[l]</c> matrix and <c>Biases[l]</c> a 1 x n matrix over the network's own
/// <c>Biases[l]</c> array: nothing is copied, so after <c>loss.Backward()</c> each leaf's Grad is
/// ∂loss/∂parameter, and an optimizer that steps the leaves' Data steps the network. Make new ones for
/// every batch: a leaf's Grad collects everything sent to it. Read checkpoints.md, section 13.
/// </summary>
public sealed class NetworkParameters
{
    /// <summary>Leaves over every weight matrix and bias vector of <paramref name="network"/>.</summary>
    public NetworkParameters(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
        Weights = [.. network.Weights.Select(w => new Tensor(w))];
        Biases = [.. network.Biases.Select(b => new Tensor(new Matrix(1, b.Length, b)))];
    }

    /// <summary>The network whose parameters these are.</summary>
    public Network Network { get; }

    /// <summary>Weights[l]: a leaf whose Data is the network's Weights[l] (LayerSizes[l] x LayerSizes[l + 1]).</summary>
    public IReadOnlyList<Tensor> Weights { get; }

    /// <summary>Biases[l]: a leaf whose Data is 1 x LayerSizes[l + 1] over the network's Biases[l] array.</summary>
    public IReadOnlyList<Tensor> Biases { get; }
}
