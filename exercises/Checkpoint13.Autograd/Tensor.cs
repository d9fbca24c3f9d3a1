// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of the matrix engine is in Tensor.Operations.cs and Tensor.Backward.cs.
using System.Globalization;

namespace NeuralNet;

/// <summary>
/// A whole matrix of a computation and how it was made: the <see cref="Value"/> of checkpoint 13 for your
/// <see cref="Matrix"/>. One node per matrix operation (a product, a bias, an activation), not one per
/// number, so that a graph of a network's batch has a dozen nodes and each does its work with your
/// checkpoint-1 code. <see cref="Data"/> is the matrix, <see cref="Grad"/> (the same shape) is ∂output/∂Data
/// entry by entry for the 1 x 1 output <see cref="Backward"/> was called on. Read checkpoints.md, section 13.
/// </summary>
/// <example>
/// <code>
/// var w = new Tensor(weights);                          // a leaf over the weights (not copied)
/// Tensor loss = new Tensor(x).MatMul(w).SoftmaxCrossEntropy(labels);
/// loss.Backward();                                      // w.Grad = ∂loss/∂W, the shape of W
/// </code>
/// </example>
public sealed partial class Tensor
{
    private readonly Action<Tensor>? _backward;
    private Matrix _grad;

    /// <summary>
    /// A leaf over <paramref name="data"/> (used, not copied): an input or a parameter. Its Grad starts as
    /// zeros of its shape. Wrapping a network's weight matrix lets an optimizer step the network with the Grad.
    /// </summary>
    public Tensor(Matrix data)
        : this(data, string.Empty, [], null)
    {
    }

    /// <summary>
    /// The result of an operation. <paramref name="backward"/> is the operation's local chain rule: called with
    /// this tensor once its <see cref="Grad"/> is complete, it adds to the Grad of each input what this Grad
    /// sends back to it (for C = A·B: dC·Bᵀ to A's and Aᵀ·dC to B's) — adds, never replaces, because an input
    /// used twice collects a share from each use.
    /// </summary>
    /// <param name="data">The matrix the operation computed.</param>
    /// <param name="operation">The operation's name, for people: "MatMul", "Add", "ReLU", ….</param>
    /// <param name="inputs">The tensors it was computed from.</param>
    /// <param name="backward">The local chain rule, or null for an operation nothing flows back through.</param>
    public Tensor(Matrix data, string operation, IReadOnlyList<Tensor> inputs, Action<Tensor>? backward)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(inputs);
        Data = data;
        _grad = new Matrix(data.Rows, data.Cols);
        Operation = operation;
        Inputs = inputs;
        _backward = backward;
    }

    /// <summary>The matrix (for a leaf, the very matrix it was given).</summary>
    public Matrix Data { get; }

    /// <summary>
    /// ∂output/∂Data, entry by entry, once <see cref="Backward"/> has run; zeros before. Always the shape of
    /// <see cref="Data"/>: setting a matrix of another shape throws, naming both shapes (a missing transpose
    /// in a backward step shows up here).
    /// </summary>
    /// <exception cref="ArgumentException">The new gradient's shape is not the tensor's.</exception>
    public Matrix Grad
    {
        get => _grad;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Rows != Data.Rows || value.Cols != Data.Cols)
            {
                throw new ArgumentException(
                    $"Tensor.Grad: a {value.Shape} gradient cannot belong to a {Data.Shape} tensor ({Describe()}); a gradient has the shape of its matrix.",
                    nameof(value));
            }

            _grad = value;
        }
    }

    /// <summary>The name of the operation that made this tensor; empty for a leaf.</summary>
    public string Operation { get; }

    /// <summary>The tensors this one was computed from; none for a leaf.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    /// <summary>True for a matrix no operation made (an input or a parameter).</summary>
    public bool IsLeaf => Inputs.Count == 0;

    /// <summary>The number of rows of <see cref="Data"/>.</summary>
    public int Rows => Data.Rows;

    /// <summary>The number of columns of <see cref="Data"/>.</summary>
    public int Cols => Data.Cols;

    /// <summary>The shape of <see cref="Data"/>, for example <c>"64x784"</c>.</summary>
    public string Shape => Data.Shape;

    /// <summary>
    /// One step of the chain rule: the operation that made this tensor adds to the Grad of each of its inputs
    /// what this Grad sends back. A leaf has nothing to send. <see cref="Backward"/> calls it on every tensor,
    /// each after all the tensors computed from it.
    /// </summary>
    public void Propagate() => _backward?.Invoke(this);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Tensor {Shape} ({Describe()})");

    private string Describe() => IsLeaf ? "a leaf" : $"made by {Operation}";
}
