namespace NeuralNet;

/// <summary>
/// Checkpoint 6 — two more activations for the hidden layers, each with the derivative backpropagation
/// needs. <see cref="HiddenActivations"/> hands them to a network. Read checkpoints.md, section 6.
/// </summary>
public static class MoreActivations
{
    /// <summary>The slope of leaky ReLU for negative inputs when the caller does not choose one.</summary>
    public const double DefaultSlope = 0.01;

    /// <summary>
    /// tanh(z) = (e^z − e^−z) / (e^z + e^−z): S-shaped like the sigmoid but centred on 0, between −1 and 1,
    /// tanh(0) = 0. Must not return NaN for large |z| such as ±1000.
    /// </summary>
    public static double Tanh(double z)
    {
        throw new NotImplementedException(
            "Checkpoint 6: implement MoreActivations.Tanh — (e^z - e^-z) / (e^z + e^-z), safe for z = ±1000 (checkpoints.md#6-activations).");
    }

    /// <summary>tanh′(z) = 1 − tanh²(z): 1 at z = 0, falling to 0 for large |z|.</summary>
    public static double TanhDerivative(double z)
    {
        throw new NotImplementedException(
            "Checkpoint 6: implement MoreActivations.TanhDerivative — 1 - tanh(z)² (checkpoints.md#6-activations).");
    }

    /// <summary>
    /// Leaky ReLU: z for z &gt; 0 and <paramref name="slope"/>·z otherwise — ReLU with a small slope for
    /// negative inputs, so that a neuron whose inputs are all negative still gets a gradient.
    /// </summary>
    public static double LeakyReLU(double z, double slope = DefaultSlope)
    {
        throw new NotImplementedException(
            "Checkpoint 6: implement MoreActivations.LeakyReLU — z for z > 0, slope * z otherwise (checkpoints.md#6-activations).");
    }

    /// <summary>
    /// The derivative of leaky ReLU: 1 for z &gt; 0 and <paramref name="slope"/> otherwise (at exactly 0 we
    /// take the slope, as ReLU′(0) = 0 in checkpoint 4).
    /// </summary>
    public static double LeakyReLUDerivative(double z, double slope = DefaultSlope)
    {
        throw new NotImplementedException(
            "Checkpoint 6: implement MoreActivations.LeakyReLUDerivative — 1 for z > 0, the slope otherwise (checkpoints.md#6-activations).");
    }
}
