// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// It lets the network use the activations of later checkpoints (tanh and leaky ReLU in checkpoint 6)
// with no change to your Apply, Forward, ActivationDerivative or Backward.
namespace NeuralNet;

/// <summary>
/// The activation of a network's hidden layers, as the network carries it (<see cref="Network.HiddenActivation"/>).
/// Either one of checkpoint 3's two activations — <see cref="Activation.Sigmoid"/> or
/// <see cref="Activation.ReLU"/>, which your <see cref="Activations.Apply(Matrix, Activation)"/> and
/// checkpoint 4's ActivationDerivative compute — or any other function f given with its derivative f′:
/// checkpoint 6 adds tanh and leaky ReLU that way. An <see cref="Activation"/> becomes one on its own, so
/// <c>new Network(sizes, seed, Activation.ReLU)</c> reads as before.
/// </summary>
public sealed class ActivationFunction
{
    /// <summary>
    /// An activation given by its function and derivative, for example
    /// <c>new ActivationFunction("Tanh", Math.Tanh, z =&gt; 1 - (Math.Tanh(z) * Math.Tanh(z)), Activation.Sigmoid)</c>.
    /// </summary>
    /// <param name="name">A name for people: test names, the training program's output.</param>
    /// <param name="function">f(z), applied to every weighted sum of a hidden layer.</param>
    /// <param name="derivative">f′(z), which backpropagation multiplies in on the way back.</param>
    /// <param name="initializeLike">
    /// The activation whose weight initialisation suits this one: <see cref="Activation.ReLU"/> (He) for
    /// ReLU-like functions, <see cref="Activation.Sigmoid"/> (Xavier) for S-shaped ones such as tanh.
    /// </param>
    public ActivationFunction(string name, Func<double, double> function, Func<double, double> derivative, Activation initializeLike)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(derivative);
        Name = name;
        Function = function;
        Derivative = derivative;
        InitializeLike = initializeLike;
    }

    private ActivationFunction(Activation builtIn)
    {
        if (!Enum.IsDefined(builtIn))
        {
            throw new ArgumentOutOfRangeException(nameof(builtIn), builtIn, "ActivationFunction: not an activation of checkpoint 3.");
        }

        Name = builtIn.ToString();
        BuiltIn = builtIn;
        InitializeLike = builtIn;
    }

    /// <summary>"ReLU", "Sigmoid", "Tanh", …</summary>
    public string Name { get; }

    /// <summary>Sigmoid or ReLU for checkpoint 3's activations (computed by your code); null for any other.</summary>
    public Activation? BuiltIn { get; }

    /// <summary>f(z) for an activation given by its function; null for Sigmoid and ReLU.</summary>
    public Func<double, double>? Function { get; }

    /// <summary>f′(z) for an activation given by its function; null for Sigmoid and ReLU.</summary>
    public Func<double, double>? Derivative { get; }

    /// <summary>Which initialisation <see cref="Initialization.RandomWeights"/> uses for it: ReLU (He) or Sigmoid (Xavier).</summary>
    public Activation InitializeLike { get; }

    /// <summary>Checkpoint 3's activation as an ActivationFunction: <c>ActivationFunction relu = Activation.ReLU;</c></summary>
    public static implicit operator ActivationFunction(Activation activation) => FromActivation(activation);

    /// <summary>The same as the implicit conversion, for languages without one.</summary>
    public static ActivationFunction FromActivation(Activation activation) => new(activation);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The other half of your <see cref="Activations"/>: the one <see cref="Network.Forward"/> calls.</summary>
public static partial class Activations
{
    /// <summary>
    /// The network's hidden activation on every entry of <paramref name="z"/>, into a new matrix: Sigmoid
    /// and ReLU through your <see cref="Apply(Matrix, Activation)"/>, any other through its own function.
    /// <c>Activations.Apply(z, HiddenActivation)</c> in your Forward lands here.
    /// </summary>
    public static Matrix Apply(Matrix z, ActivationFunction activation)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(activation);
        if (activation.BuiltIn is { } builtIn)
        {
            return Apply(z, builtIn);
        }

        var result = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Data.Length; i++)
        {
            result.Data[i] = activation.Function!(z.Data[i]);
        }

        return result;
    }
}
