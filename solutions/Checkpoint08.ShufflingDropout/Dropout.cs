namespace NeuralNet;

/// <summary>
/// Checkpoint 8 — inverted dropout on the hidden layers. In training, every hidden activation is kept
/// with probability 1 − p and scaled by 1/(1 − p), or dropped (set to 0) with probability p; the scale
/// keeps each activation's expected value, so at inference the plain <see cref="Network.Forward"/> is
/// right as it is. The backward pass multiplies by the same mask. Read checkpoints.md, section 8.
/// </summary>
public static class Dropout
{
    /// <summary>
    /// A <paramref name="rows"/> x <paramref name="cols"/> mask: each entry is 0 with probability
    /// <paramref name="rate"/> (p) and 1/(1 − p) otherwise. Each entry takes one
    /// <c>random.NextDouble()</c>, in the order of <c>Data</c> (row by row): 0 when that number is below p,
    /// else 1/(1 − p). Draw nothing else from <paramref name="random"/>: StochasticTraining.Train hands the
    /// same Random on to the next mask and the next shuffle, so one seed gives one run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p is not in [0, 1); the message names Mask, p and [0, 1).</exception>
    public static Matrix Mask(int rows, int cols, double rate, Random random)
    {
        CheckRate("Mask", rate);
        ArgumentNullException.ThrowIfNull(random);

        // Inverted dropout: the kept entries are scaled up in training, so that E[mask] = (1 − p) · 1/(1 − p) = 1.
        double keep = 1.0 / (1.0 - rate);
        var mask = new Matrix(rows, cols);
        for (int i = 0; i < mask.Data.Length; i++)
        {
            mask.Data[i] = random.NextDouble() < rate ? 0.0 : keep;
        }

        return mask;
    }

    /// <summary>
    /// The forward pass of training with dropout: as <see cref="Network.Forward"/>, but each hidden
    /// layer's activations are multiplied entry by entry by their mask, a = f(z) ⊙ masks[l]
    /// (masks[l] is samples x LayerSizes[l + 1], one per hidden layer). Returns the logits.
    /// </summary>
    /// <exception cref="ArgumentException">Not one mask per hidden layer, or a mask of the wrong shape.</exception>
    public static Matrix Forward(this Network network, Matrix x, Matrix[] masks) => Pass(network, x, masks).Logits;

    /// <summary>
    /// Backpropagation through the same masks: as checkpoint 4's Backward, with the hidden activations
    /// a = f(z) ⊙ mask, so that on the way back delta = (delta·Wᵀ) ⊙ mask ⊙ f′(z). The loss and the
    /// gradients are those of <see cref="Forward(Network, Matrix, Matrix[])"/> with these masks.
    /// </summary>
    public static Gradients Backward(this Network network, Matrix x, int[] labels, Matrix[] masks)
    {
        (Matrix[] activations, Matrix[] z, Matrix logits) = Pass(network, x, masks);
        int layers = network.LayerCount;

        // delta = ∂loss/∂z[l]; at the output (softmax − one-hot) / n, as in checkpoint 4.
        Matrix delta = Loss.CrossEntropyGradient(logits, labels);
        var nablaW = new Matrix[layers];
        var nablaB = new double[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            nablaW[l] = network.MatMul(LinearAlgebra.Transpose(activations[l]), delta);
            nablaB[l] = LinearAlgebra.ColumnSums(delta);
            if (l > 0)
            {
                // a[l] = f(z[l − 1]) ⊙ mask[l − 1], so ∂loss/∂z[l − 1] = (delta·Wᵀ) ⊙ mask[l − 1] ⊙ f′(z[l − 1]):
                // a dropped unit passed nothing forward and passes nothing back.
                Matrix nablaA = LinearAlgebra.Hadamard(network.MatMul(delta, LinearAlgebra.Transpose(network.Weights[l])), masks[l - 1]);
                delta = LinearAlgebra.Hadamard(nablaA, Backpropagation.ActivationDerivative(z[l - 1], network.HiddenActivation));
            }
        }

        return new Gradients(Loss.CrossEntropy(logits, labels), nablaW, nablaB);
    }

    /// <summary>Throws unless 0 ≤ rate &lt; 1: a rate of 1 would drop everything and divide by zero.</summary>
    internal static void CheckRate(string operation, double rate)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(rate), rate, $"{operation}: the dropout rate p must be in [0, 1) — the fraction of hidden activations to drop — but got {rate}.");
        }
    }

    // The forward pass with masks, keeping each layer's input (activations[l]) and weighted sums (z[l]).
    private static (Matrix[] Activations, Matrix[] Z, Matrix Logits) Pass(Network network, Matrix x, Matrix[] masks)
    {
        int layers = network.LayerCount;
        CheckMasks(network, x, masks);
        var activations = new Matrix[layers];
        var z = new Matrix[layers];
        Matrix a = x;
        for (int l = 0; l < layers; l++)
        {
            activations[l] = a;
            z[l] = LinearAlgebra.AddRowVector(network.MatMul(a, network.Weights[l]), network.Biases[l]);
            a = l == layers - 1 ? z[l] : LinearAlgebra.Hadamard(Activations.Apply(z[l], network.HiddenActivation), masks[l]);
        }

        return (activations, z, a);
    }

    private static void CheckMasks(Network network, Matrix x, Matrix[] masks)
    {
        if (masks.Length != network.LayerCount - 1)
        {
            throw new ArgumentException(
                $"Dropout: a {string.Join('-', network.LayerSizes)} network has {network.LayerCount - 1} hidden layers, so it needs {network.LayerCount - 1} masks, not {masks.Length}.",
                nameof(masks));
        }

        for (int l = 0; l < masks.Length; l++)
        {
            if (masks[l].Rows != x.Rows || masks[l].Cols != network.LayerSizes[l + 1])
            {
                throw new ArgumentException(
                    $"Dropout: the mask of hidden layer {l} must be {x.Rows}x{network.LayerSizes[l + 1]} (samples x neurons), not {masks[l].Shape}.",
                    nameof(masks));
            }
        }
    }
}
