namespace NeuralNet;

/// <summary>
/// Checkpoint 2 — how a computer finds which way is downhill. A derivative says how fast f changes
/// when x moves a little; a gradient does the same for every coordinate of x; gradient descent keeps
/// stepping against the gradient until it reaches a minimum. Read checkpoints.md, section 2.
/// </summary>
public static class Calculus
{
    /// <summary>The step h used when the caller does not choose one.</summary>
    public const double DefaultStep = 1e-5;

    /// <summary>
    /// The derivative f'(x) estimated by the central difference (f(x + h) − f(x − h)) / (2h).
    /// </summary>
    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep)
    {
        return 0;
    }

    /// <summary>
    /// The gradient of f: R^n → R at <paramref name="x"/>: entry i is the central difference of f
    /// along coordinate i. Returns a new array of the same length as x; x itself is not changed.
    /// </summary>
    public static double[] NumericalGradient(Func<double[], double> f, double[] x, double h = DefaultStep)
    {
        return new double[x.Length];
    }

    /// <summary>
    /// Gradient descent: starting at <paramref name="x0"/>, repeat <paramref name="steps"/> times
    /// x ← x − learningRate · ∇f(x) (with <see cref="NumericalGradient"/>) and return the final x.
    /// x0 is not changed. A learning rate that is too large makes x run away from the minimum: that is
    /// the method's behaviour, not an error, so do not throw.
    /// </summary>
    public static double[] GradientDescent(Func<double[], double> f, double[] x0, double learningRate, int steps)
    {
        return x0;
    }
}
