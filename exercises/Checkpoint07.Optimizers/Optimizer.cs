// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of checkpoint 7 is in Momentum.cs, Adam.cs and Optimizers.cs; Sgd.cs is an example.
namespace NeuralNet;

/// <summary>
/// A rule that moves parameters against their gradients: plain gradient descent (<see cref="Sgd"/>),
/// <see cref="Momentum"/> or <see cref="Adam"/>. One optimizer serves every parameter of a model. An
/// optimizer that remembers something between steps (a velocity, moving averages) keeps it per
/// parameter, keyed by the parameter's array: a 784x32 weight matrix and a bias vector of 5 never share
/// it. So step the same array every time — a bias vector, or a matrix's <see cref="Matrix.Data"/> — and
/// use a new optimizer for a new model. Read checkpoints.md, section 7.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Sets the learning rate η, a finite number ≥ 0 (0 leaves every parameter where it is).</summary>
    protected Optimizer(double learningRate)
    {
        if (!(learningRate >= 0) || double.IsPositiveInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(
                nameof(learningRate), learningRate, $"{GetType().Name}: the learning rate must be a finite number ≥ 0.");
        }

        LearningRate = learningRate;
    }

    /// <summary>The learning rate η: how far one step goes.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// One step for one parameter, in place: moves every <c>parameter[i]</c> against <c>gradient[i]</c>
    /// (∂loss/∂parameter[i], the same length). The gradient is only read.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Step is the word of the math; the kata is C# only.")]
    public abstract void Step(double[] parameter, double[] gradient);

    /// <summary>One step for a matrix of parameters: <c>Step(parameter.Data, gradient.Data)</c> once the shapes agree.</summary>
    /// <exception cref="ArgumentException">The two matrices have different shapes.</exception>
    public void Step(Matrix parameter, Matrix gradient)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        if (parameter.Rows != gradient.Rows || parameter.Cols != gradient.Cols)
        {
            throw new ArgumentException(
                $"{GetType().Name}.Step: a {parameter.Shape} parameter cannot take a {gradient.Shape} gradient.", nameof(gradient));
        }

        Step(parameter.Data, gradient.Data);
    }

    /// <summary>One step for every weight matrix and bias vector of <paramref name="network"/>, with the gradients of its Backward.</summary>
    public void Step(Network network, Gradients gradients)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(gradients);
        for (int l = 0; l < network.LayerCount; l++)
        {
            Step(network.Weights[l], gradients.Weights[l]);
            Step(network.Biases[l], gradients.Biases[l]);
        }
    }
}
