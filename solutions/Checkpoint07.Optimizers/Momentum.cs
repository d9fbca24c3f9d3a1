namespace NeuralNet;

/// <summary>
/// Checkpoint 7 — classical momentum (Polyak's "heavy ball"; not Nesterov's variant). Every parameter
/// keeps a velocity v, the sum of its past gradients fading by β each step:
/// <code>
/// v ← β·v + g
/// x ← x − η·v
/// </code>
/// v starts at 0, so the first step is plain gradient descent; later steps keep rolling in the
/// direction the gradients agree on. Read checkpoints.md, section 7.
/// </summary>
/// <param name="learningRate">η, the learning rate (≥ 0).</param>
/// <param name="beta">β, how much of the velocity survives a step (0 is plain gradient descent).</param>
public sealed class Momentum(double learningRate, double beta = 0.9) : Optimizer(learningRate)
{
    // One velocity per parameter array. Arrays compare by reference, which is what we want: the key is
    // the parameter itself, whatever numbers it holds.
    private readonly Dictionary<double[], double[]> velocities = new(ReferenceEqualityComparer.Instance);

    /// <summary>β, how much of the velocity survives a step.</summary>
    public double Beta { get; } = beta;

    /// <summary>v ← β·v + g, then x ← x − η·v, with this parameter's own v.</summary>
    public override void Step(double[] parameter, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        if (!velocities.TryGetValue(parameter, out double[]? v))
        {
            v = new double[parameter.Length];
            velocities.Add(parameter, v);
        }

        for (int i = 0; i < parameter.Length; i++)
        {
            v[i] = (Beta * v[i]) + gradient[i];
            parameter[i] -= LearningRate * v[i];
        }
    }
}
