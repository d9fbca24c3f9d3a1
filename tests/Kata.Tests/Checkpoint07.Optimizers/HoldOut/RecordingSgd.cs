namespace Kata.Tests.Checkpoint07.HoldOut;

/// <summary>
/// Plain gradient descent, p ← p − η·g, that also records every step it is asked for: which array, its
/// values before the step and a copy of the gradient. The hold-outs hand it to the learner's Minimize,
/// TrainStep and Train to see what they step, and with what, while the update itself stays the test's.
/// </summary>
internal sealed class RecordingSgd(double learningRate) : Optimizer(learningRate)
{
    /// <summary>Every step, in order.</summary>
    public List<(double[] Parameter, double[] Before, double[] Gradient)> Steps { get; } = [];

    /// <inheritdoc/>
    public override void Step(double[] parameter, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Length != parameter.Length)
        {
            throw new ArgumentException($"RecordingSgd.Step: a parameter of {parameter.Length} entries cannot take a gradient of {gradient.Length}.", nameof(gradient));
        }

        Steps.Add((parameter, (double[])parameter.Clone(), (double[])gradient.Clone()));
        for (int i = 0; i < parameter.Length; i++)
        {
            parameter[i] -= LearningRate * gradient[i];
        }
    }
}
