// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// An example to read before you write Momentum and Adam.
namespace NeuralNet;

/// <summary>
/// Plain gradient descent as an <see cref="Optimizer"/>: x ← x − η·g, the step of checkpoints 2 and 4.
/// It remembers nothing between steps, so it needs no state.
/// </summary>
public sealed class Sgd(double learningRate) : Optimizer(learningRate)
{
    /// <inheritdoc/>
    public override void Step(double[] parameter, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        for (int i = 0; i < parameter.Length; i++)
        {
            parameter[i] -= LearningRate * gradient[i];
        }
    }
}
