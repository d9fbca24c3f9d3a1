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
        // For z < 0 the equivalent form e^z / (1 + e^z) keeps e^(...) below 1, so nothing overflows.
        if (z >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>ReLU(z) = max(0, z).</summary>
    public static double ReLU(double z) => z > 0 ? z : 0.0;

    /// <summary>
    /// A new matrix with <paramref name="activation"/> applied to every entry of <paramref name="z"/>;
    /// z itself is not changed.
    /// </summary>
    public static Matrix Apply(Matrix z, Activation activation)
    {
        Func<double, double> f = activation switch
        {
            Activation.Sigmoid => Sigmoid,
            Activation.ReLU => ReLU,
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Apply: unknown activation."),
        };

        var result = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Data.Length; i++)
        {
            result.Data[i] = f(z.Data[i]);
        }

        return result;
    }
}
