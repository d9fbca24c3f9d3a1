namespace NeuralNet;

/// <summary>
/// Checkpoint 7 — Adam (Kingma and Ba, 2015). Every parameter keeps moving averages of its gradient (m)
/// and of its square (v), both starting at 0, and counts its own steps t = 1, 2, …:
/// <code>
/// m ← β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)      (bias correction: m and v start at 0)
/// x ← x − η·m̂ / (√v̂ + ε)
/// </code>
/// Each coordinate moves about η per step, whatever the size of its gradient. Read checkpoints.md, section 7.
/// </summary>
/// <param name="learningRate">η, the learning rate (≥ 0); 0.001 is the usual start.</param>
/// <param name="beta1">β₁, the decay of the gradient's average.</param>
/// <param name="beta2">β₂, the decay of the squared gradient's average.</param>
/// <param name="epsilon">ε, added to √v̂ so that a zero gradient does not divide by zero.</param>
public sealed class Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    : Optimizer(learningRate)
{
    // m, v and t of each parameter array, keyed by the array itself (by reference).
    private readonly Dictionary<double[], Moments> moments = new(ReferenceEqualityComparer.Instance);

    /// <summary>β₁, the decay of the gradient's moving average.</summary>
    public double Beta1 { get; } = beta1;

    /// <summary>β₂, the decay of the squared gradient's moving average.</summary>
    public double Beta2 { get; } = beta2;

    /// <summary>ε, which keeps the division finite.</summary>
    public double Epsilon { get; } = epsilon;

    /// <summary>One Adam step for this parameter, with its own m, v and step count t.</summary>
    public override void Step(double[] parameter, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        if (!moments.TryGetValue(parameter, out Moments? state))
        {
            state = new Moments(parameter.Length);
            moments.Add(parameter, state);
        }

        state.T++;
        double correction1 = 1 - Math.Pow(Beta1, state.T), correction2 = 1 - Math.Pow(Beta2, state.T);
        for (int i = 0; i < parameter.Length; i++)
        {
            double g = gradient[i];
            state.M[i] = (Beta1 * state.M[i]) + ((1 - Beta1) * g);
            state.V[i] = (Beta2 * state.V[i]) + ((1 - Beta2) * g * g);
            double mHat = state.M[i] / correction1, vHat = state.V[i] / correction2;
            parameter[i] -= LearningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
        }
    }

    private sealed class Moments(int length)
    {
        public double[] M { get; } = new double[length];

        public double[] V { get; } = new double[length];

        public int T { get; set; }
    }
}
