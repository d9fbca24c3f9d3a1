// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of checkpoint 6 is in MoreActivations.cs.
namespace NeuralNet;

/// <summary>
/// Every activation a network's hidden layers can use, ready for <c>new Network(sizes, seed, …)</c>:
/// <c>new Network([784, 32, 5], seed: 1, HiddenActivations.Tanh)</c>. Each one is a function with its
/// derivative (see <see cref="ActivationFunction"/>): your Forward applies the function, your Backward
/// multiplies in the derivative, and neither needs to know which activation it is. A further activation
/// is one more line here, with its function and derivative.
/// </summary>
public static class HiddenActivations
{
    /// <summary>σ, checkpoint 3's activation (your Activations.Sigmoid and checkpoint 4's derivative).</summary>
    public static ActivationFunction Sigmoid { get; } = Activation.Sigmoid;

    /// <summary>ReLU, checkpoint 3's activation (your Activations.ReLU and checkpoint 4's derivative).</summary>
    public static ActivationFunction ReLU { get; } = Activation.ReLU;

    /// <summary>tanh, with Xavier initialisation like the sigmoid (both are S-shaped).</summary>
    public static ActivationFunction Tanh { get; } =
        new("Tanh", MoreActivations.Tanh, MoreActivations.TanhDerivative, initializeLike: Activation.Sigmoid);

    /// <summary>Leaky ReLU with the given slope for negative inputs, with He initialisation like ReLU.</summary>
    public static ActivationFunction LeakyReLU(double slope = MoreActivations.DefaultSlope) => new(
        slope == MoreActivations.DefaultSlope ? "LeakyReLU" : FormattableString.Invariant($"LeakyReLU({slope})"),
        z => MoreActivations.LeakyReLU(z, slope),
        z => MoreActivations.LeakyReLUDerivative(z, slope),
        initializeLike: Activation.ReLU);
}
