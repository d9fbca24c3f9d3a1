// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// What <see cref="Backpropagation.Backward"/> returns: the loss of a batch and, for every weight and
/// bias of the network, how fast that loss changes when the parameter moves a little.
/// <c>Weights[l]</c> has the shape of <c>network.Weights[l]</c> and <c>Biases[l]</c> the length of
/// <c>network.Biases[l]</c>, so a gradient-descent step is <c>W -= learningRate * dW</c>, entry by entry.
/// </summary>
public sealed class Gradients
{
    /// <summary>Wraps the loss and the gradients (they are used, not copied).</summary>
    public Gradients(double loss, Matrix[] weights, double[][] biases)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Length != biases.Length)
        {
            throw new ArgumentException(
                $"Gradients: give one weight gradient and one bias gradient per layer (got {weights.Length} and {biases.Length}).",
                nameof(biases));
        }

        Loss = loss;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>The mean cross-entropy loss of the batch, before any update.</summary>
    public double Loss { get; }

    /// <summary>Weights[l] = ∂loss/∂W[l], the same shape as the network's Weights[l].</summary>
    public Matrix[] Weights { get; }

    /// <summary>Biases[l] = ∂loss/∂b[l], the same length as the network's Biases[l].</summary>
    public double[][] Biases { get; }
}
