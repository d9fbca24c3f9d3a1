// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of the scalar engine is in Value.Operations.cs and Value.Backward.cs.
using System.Globalization;

namespace NeuralNet;

/// <summary>
/// One number of a computation and how it was made: micrograd's <c>Value</c>. A value made by an operation
/// remembers the values it was computed from (<see cref="Inputs"/>) and how to send a gradient back to
/// them (the operation's local chain rule, run by <see cref="Propagate"/>); <see cref="Backward"/> walks that
/// graph from the end. <see cref="Data"/> is the number, <see cref="Grad"/> is ∂output/∂(this value) for the
/// output Backward was called on (0 until then). Read checkpoints.md, section 13.
/// </summary>
/// <example>
/// <code>
/// Value a = 2, b = -3;
/// Value c = a * b + a;          // c = a·b + a = −4: a is used twice
/// c.Backward();                 // a.Grad = ∂c/∂a = b + 1 = −2, b.Grad = ∂c/∂b = a = 2
/// </code>
/// </example>
public sealed partial class Value
{
    private readonly Action<Value>? _backward;

    /// <summary>A leaf: a number no operation made, such as an input or a parameter. Its Grad starts at 0.</summary>
    public Value(double data)
        : this(data, string.Empty, [], null)
    {
    }

    /// <summary>
    /// The result of an operation. <paramref name="backward"/> is the operation's local chain rule: called with
    /// this value once its <see cref="Grad"/> is complete, it adds Grad × ∂this/∂input to the Grad of each
    /// input — adds, never sets, because an input used twice collects a share from each use.
    /// </summary>
    /// <param name="data">The number the operation computed.</param>
    /// <param name="operation">The operation's name, for people: "+", "*", "tanh", ….</param>
    /// <param name="inputs">The values it was computed from.</param>
    /// <param name="backward">The local chain rule, or null for an operation nothing flows back through.</param>
    public Value(double data, string operation, IReadOnlyList<Value> inputs, Action<Value>? backward)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(inputs);
        Data = data;
        Operation = operation;
        Inputs = inputs;
        _backward = backward;
    }

    /// <summary>The number. Settable, so that a training step can move a parameter: p.Data −= η · p.Grad.</summary>
    public double Data { get; set; }

    /// <summary>∂output/∂(this value) once <see cref="Backward"/> has run on an output that depends on it; 0 before.</summary>
    public double Grad { get; set; }

    /// <summary>The name of the operation that made this value; empty for a leaf.</summary>
    public string Operation { get; }

    /// <summary>The values this one was computed from; none for a leaf.</summary>
    public IReadOnlyList<Value> Inputs { get; }

    /// <summary>True for a number no operation made (an input or a parameter).</summary>
    public bool IsLeaf => Inputs.Count == 0;

    /// <summary>
    /// One step of the chain rule: the operation that made this value adds Grad × its local derivative to the
    /// Grad of each of its inputs. A leaf has nothing to send. <see cref="Backward"/> calls it on every value,
    /// each after all the values computed from it.
    /// </summary>
    public void Propagate() => _backward?.Invoke(this);

    /// <summary>a + b, through your <see cref="Add"/>.</summary>
    public static Value operator +(Value a, Value b) => Checked(a).Add(b);

    /// <summary>a − b, through your <see cref="Subtract"/>.</summary>
    public static Value operator -(Value a, Value b) => Checked(a).Subtract(b);

    /// <summary>a · b, through your <see cref="Multiply"/>.</summary>
    public static Value operator *(Value a, Value b) => Checked(a).Multiply(b);

    /// <summary>a / b, through your <see cref="Divide"/>.</summary>
    public static Value operator /(Value a, Value b) => Checked(a).Divide(b);

    /// <summary>−a, as (−1) · a through your <see cref="Multiply"/>.</summary>
    public static Value operator -(Value a) => Checked(a).Negate();

    /// <summary>A number where a value is expected becomes a leaf: <c>2 * a</c> is <c>new Value(2) * a</c>.</summary>
    public static implicit operator Value(double data) => new(data);

    /// <summary>The same as the implicit conversion, for languages without one.</summary>
    public static Value FromDouble(double data) => new(data);

    /// <summary>−this, as (−1) · this through your <see cref="Multiply"/>.</summary>
    public Value Negate() => Multiply(new Value(-1));

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Value(data={Data:G6}, grad={Grad:G6}{(IsLeaf ? string.Empty : $", made by {Operation}")})");

    private static Value Checked(Value a) => a ?? throw new ArgumentNullException(nameof(a));
}
