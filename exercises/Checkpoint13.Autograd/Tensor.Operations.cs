namespace NeuralNet;

/// <summary>
/// Checkpoint 13 — your part of the matrix engine: each operation computes its matrix with your
/// checkpoint-1 code and gives the new tensor its local chain rule,
/// <c>new Tensor(data, "Op", [inputs], output =&gt; { input.Grad = input.Grad + what output.Grad sends it; … })</c>.
/// Every gradient has the shape of its tensor. Read checkpoints.md, section 13.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>C = this · other (n x k times k x m = n x m). Backward: dThis += dC·otherᵀ, dOther += thisᵀ·dC.</summary>
    /// <exception cref="ArgumentException">The inner dimensions differ (your checkpoint-1 MatMul says so).</exception>
    public Tensor MatMul(Tensor other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.MatMul — Data = A·B; backward adds dC·Bᵀ to A.Grad and Aᵀ·dC to B.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>this + other, two tensors of the same shape. Backward: dC goes to both, unchanged.</summary>
    /// <exception cref="ArgumentException">The shapes differ (your checkpoint-1 Add says so).</exception>
    public Tensor Add(Tensor other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Add — Data = A + B; backward adds dC to A.Grad and to B.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>
    /// this (n x m) with the 1 x m <paramref name="row"/> added to every row: a layer's bias. Backward: dC goes
    /// to this unchanged, and the row gets the column sums of dC (it was added to every row).
    /// </summary>
    /// <exception cref="ArgumentException">row is not 1 x Cols; the message names AddRowVector and both shapes.</exception>
    public Tensor AddRowVector(Tensor row)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.AddRowVector — Data = A + b in every row; backward adds dC to A.Grad and the column sums of dC to b.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>this ⊙ other, entry by entry, two tensors of the same shape. Backward: dThis += dC ⊙ other, dOther += dC ⊙ this.</summary>
    /// <exception cref="ArgumentException">The shapes differ (your checkpoint-1 Hadamard says so).</exception>
    public Tensor Hadamard(Tensor other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Hadamard — Data = A ⊙ B; backward adds dC ⊙ B to A.Grad and dC ⊙ A to B.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>factor · this, every entry. Backward: dThis += factor · dC.</summary>
    public Tensor Scale(double factor)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Scale — Data = f · A; backward adds f · dC to A.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>
    /// f(this), entry by entry, for any activation of your network (Sigmoid, ReLU, or one given with its
    /// derivative, such as tanh): your checkpoint-3 <see cref="Activations.Apply(Matrix, ActivationFunction)"/>.
    /// Backward: dThis += dC ⊙ f′(this), with your checkpoint-4 ActivationDerivative.
    /// </summary>
    public Tensor Activate(ActivationFunction activation)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Activate — Data = Activations.Apply(Z, f); backward adds dC ⊙ ActivationDerivative(Z, f) to Z.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>e^this, entry by entry. Backward: dThis += dC ⊙ e^this (the output itself).</summary>
    public Tensor Exp()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Exp — Data = e^A entry by entry; backward adds dC ⊙ e^A to A.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>ln this, entry by entry, for positive entries. Backward: dThis += dC ⊘ this (divided entry by entry).</summary>
    public Tensor Log()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Log — Data = ln A entry by entry; backward adds dC / A, entry by entry, to A.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>The sum of every entry, as a 1 x 1 tensor. Backward: every entry of this gets dC[0, 0].</summary>
    public Tensor Sum()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Sum — a 1x1 tensor holding Σ A; backward adds dC[0, 0] to every entry of A.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>The mean of every entry, as a 1 x 1 tensor. Backward: every entry of this gets dC[0, 0] / (Rows · Cols).</summary>
    public Tensor Mean()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Mean — a 1x1 tensor holding Σ A / (Rows · Cols); backward adds dC[0, 0] / (Rows · Cols) to every entry of A.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>
    /// The mean cross-entropy of these logits (one sample per row) with <paramref name="labels"/>, as a 1 x 1
    /// tensor: your checkpoint-4 <see cref="Loss.CrossEntropy"/>. Backward: dLogits += dC[0, 0] · your
    /// <see cref="Loss.CrossEntropyGradient"/> — (softmax − one-hot) / n, which needs no Exp or Log node.
    /// </summary>
    /// <exception cref="ArgumentException">One label per row is needed, each a class (your checkpoint-4 Loss says so).</exception>
    public Tensor SoftmaxCrossEntropy(int[] labels)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.SoftmaxCrossEntropy — a 1x1 tensor holding Loss.CrossEntropy; backward adds dC[0, 0] · Loss.CrossEntropyGradient to the logits' Grad (checkpoints.md#13-autograd).");
    }
}
