namespace NeuralNet;

/// <summary>
/// Checkpoint 3 — the non-linearities between layers. Read checkpoints.md, section 3. The class is
/// <c>partial</c>: its provided other half, in ActivationFunction.cs, lets the network use later activations too.
/// </summary>
public static partial class Activations
{
    /// <summary>
    /// σ(z) = 1 / (1 + e^−z): between 0 and 1, and σ(0) = 0.5. For large |z| the exact value is closer
    /// to 0 or 1 than a double can tell apart, so σ(1000) is exactly 1 and σ(−1000) exactly 0 — but
    /// never NaN.
    /// </summary>
    public static double Sigmoid(double z)
    {
        return 0.5;
    }

    /// <summary>ReLU(z) = max(0, z).</summary>
    public static double ReLU(double z)
    {
        return z;
    }

    /// <summary>
    /// A new matrix with <paramref name="activation"/> applied to every entry of <paramref name="z"/>;
    /// z itself is not changed.
    /// </summary>
    public static Matrix Apply(Matrix z, Activation activation)
    {
        return z;
    }
}
