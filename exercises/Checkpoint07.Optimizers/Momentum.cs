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
    /// <summary>β, how much of the velocity survives a step.</summary>
    public double Beta { get; } = beta;

    /// <summary>v ← β·v + g, then x ← x − η·v, with this parameter's own v.</summary>
    public override void Step(double[] parameter, double[] gradient)
    {
        throw new NotImplementedException(
            "Checkpoint 7: implement Momentum.Step — v = beta * v + g, x -= learningRate * v, one v per parameter array (checkpoints.md#7-optimizers).");
    }
}
