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
        throw new NotImplementedException(
            "Checkpoint 8: implement Dropout.Mask — 0 with probability rate, else 1 / (1 - rate); rate outside [0, 1) throws (checkpoints.md#8-shuffling-and-dropout).");
    }

    /// <summary>
    /// The forward pass of training with dropout: as <see cref="Network.Forward"/>, but each hidden
    /// layer's activations are multiplied entry by entry by their mask, a = f(z) ⊙ masks[l]
    /// (masks[l] is samples x LayerSizes[l + 1], one per hidden layer). Returns the logits.
    /// </summary>
    /// <exception cref="ArgumentException">Not one mask per hidden layer, or a mask of the wrong shape.</exception>
    public static Matrix Forward(this Network network, Matrix x, Matrix[] masks)
    {
        throw new NotImplementedException(
            "Checkpoint 8: implement Dropout.Forward — your Forward, with each hidden activation multiplied by its mask (checkpoints.md#8-shuffling-and-dropout).");
    }

    /// <summary>
    /// Backpropagation through the same masks: as checkpoint 4's Backward, with the hidden activations
    /// a = f(z) ⊙ mask, so that on the way back delta = (delta·Wᵀ) ⊙ mask ⊙ f′(z). The loss and the
    /// gradients are those of <see cref="Forward(Network, Matrix, Matrix[])"/> with these masks.
    /// </summary>
    public static Gradients Backward(this Network network, Matrix x, int[] labels, Matrix[] masks)
    {
        throw new NotImplementedException(
            "Checkpoint 8: implement Dropout.Backward — your Backward through the same masks: delta = (delta · Wᵀ) ⊙ mask ⊙ f'(z) (checkpoints.md#8-shuffling-and-dropout).");
    }
}
