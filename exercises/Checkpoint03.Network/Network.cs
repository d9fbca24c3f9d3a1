// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of the network is in Network.Forward.cs, Activations.cs and Initialization.cs.
namespace NeuralNet;

/// <summary>
/// The non-linearity a hidden layer applies to its weighted sums: the two of checkpoint 3. Later
/// activations (checkpoint 6: tanh, leaky ReLU) are <see cref="ActivationFunction"/> values instead, and a
/// network takes either.
/// </summary>
public enum Activation
{
    /// <summary>σ(z) = 1 / (1 + e^−z): smooth, between 0 and 1.</summary>
    Sigmoid,

    /// <summary>ReLU(z) = max(0, z): zero for negatives, the identity for positives.</summary>
    ReLU,
}

/// <summary>
/// A fully connected feed-forward network. Layer l turns a batch of activations A (samples x
/// LayerSizes[l]) into A · Weights[l] + Biases[l] (samples x LayerSizes[l + 1]); hidden layers then
/// apply <see cref="HiddenActivation"/>, the last layer does not (its outputs are raw scores).
/// </summary>
public sealed partial class Network
{
    /// <summary>
    /// A network with random weights (see <see cref="Initialization.RandomWeights"/>) and zero biases.
    /// The same <paramref name="seed"/> always gives the same weights.
    /// </summary>
    /// <param name="layerSizes">Neurons per layer, inputs first: [784, 128, 5] is 784 inputs, one hidden
    /// layer of 128 and 5 outputs.</param>
    /// <param name="seed">Seed of the random number generator.</param>
    /// <param name="hiddenActivation">The activation of every hidden layer.</param>
    public Network(int[] layerSizes, int seed, Activation hiddenActivation = Activation.ReLU)
        : this(layerSizes, seed, ActivationFunction.FromActivation(hiddenActivation))
    {
    }

    /// <summary>
    /// A network with random weights whose hidden layers use <paramref name="hiddenActivation"/>, for
    /// example checkpoint 6's <c>HiddenActivations.Tanh</c>. The weights are initialised as for
    /// <see cref="ActivationFunction.InitializeLike"/>.
    /// </summary>
    public Network(int[] layerSizes, int seed, ActivationFunction hiddenActivation)
    {
        ArgumentNullException.ThrowIfNull(hiddenActivation);
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Length < 2 || layerSizes.Any(size => size < 1))
        {
            throw new ArgumentException(
                $"Network: layer sizes must be at least two positive numbers (inputs and outputs), but got [{string.Join(", ", layerSizes)}].",
                nameof(layerSizes));
        }

        var random = new Random(seed);
        Weights = new Matrix[layerSizes.Length - 1];
        Biases = new double[layerSizes.Length - 1][];
        for (int l = 0; l < Weights.Length; l++)
        {
            Weights[l] = Initialization.RandomWeights(layerSizes[l], layerSizes[l + 1], hiddenActivation.InitializeLike, random);
            Biases[l] = new double[layerSizes[l + 1]];
        }

        HiddenActivation = hiddenActivation;
        LayerSizes = [.. layerSizes];
        CheckShapes();
    }

    /// <summary>
    /// A network with the weights and biases you give it (they are used, not copied). Handy for
    /// tests and for working an example by hand.
    /// </summary>
    public Network(Matrix[] weights, double[][] biases, Activation hiddenActivation = Activation.ReLU)
        : this(weights, biases, ActivationFunction.FromActivation(hiddenActivation))
    {
    }

    /// <summary>A network with the weights and biases you give it and any hidden activation.</summary>
    public Network(Matrix[] weights, double[][] biases, ActivationFunction hiddenActivation)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(hiddenActivation);
        ArgumentNullException.ThrowIfNull(biases);
        if (weights.Length == 0 || weights.Length != biases.Length)
        {
            throw new ArgumentException(
                $"Network: give one weight matrix and one bias vector per layer (got {weights.Length} weight matrices and {biases.Length} bias vectors).",
                nameof(biases));
        }

        Weights = weights;
        Biases = biases;
        HiddenActivation = hiddenActivation;
        LayerSizes = [weights[0].Rows, .. weights.Select(w => w.Cols)];
        CheckShapes();
    }

    /// <summary>Neurons per layer, inputs first.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>
    /// The activation of the hidden layers. Hand it on as it is — <c>Activations.Apply(z, HiddenActivation)</c>
    /// — and your code works for every activation, those of later checkpoints included.
    /// </summary>
    public ActivationFunction HiddenActivation { get; }

    /// <summary>Weights[l] is LayerSizes[l] x LayerSizes[l + 1]: column j holds the weights into neuron j.</summary>
    public Matrix[] Weights { get; }

    /// <summary>Biases[l] has LayerSizes[l + 1] entries, one per neuron of layer l + 1.</summary>
    public double[][] Biases { get; }

    /// <summary>The number of weight layers (one less than the number of layer sizes).</summary>
    public int LayerCount => Weights.Length;

    /// <summary>
    /// The matrix product the forward and backward passes use: your checkpoint-1
    /// <see cref="LinearAlgebra.MatMul"/>, unless a faster one with the same contract is given when the
    /// network is created, <c>new Network(sizes, seed) { MatMul = FastLinearAlgebra.MatMul }</c>
    /// (checkpoint 12; <c>./kata train --kernel fast</c>).
    /// </summary>
    public Func<Matrix, Matrix, Matrix> MatMul { get; init; } = LinearAlgebra.MatMul;

    private void CheckShapes()
    {
        for (int l = 0; l < Weights.Length; l++)
        {
            if (Weights[l] is null || Biases[l] is null)
            {
                throw new ArgumentException($"Network: layer {l} has no weights or no biases.");
            }

            if (l > 0 && Weights[l].Rows != Weights[l - 1].Cols)
            {
                throw new ArgumentException(
                    $"Network: layer {l - 1} has weights {Weights[l - 1].Shape} but layer {l} has {Weights[l].Shape}; rows of layer {l} must equal columns of layer {l - 1}.");
            }

            if (Biases[l].Length != Weights[l].Cols)
            {
                throw new ArgumentException(
                    $"Network: layer {l} has weights {Weights[l].Shape} but {Biases[l].Length} biases; it needs one bias per column ({Weights[l].Cols}).");
            }
        }
    }
}
