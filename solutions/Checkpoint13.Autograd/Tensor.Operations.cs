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
    public Tensor MatMul(Tensor other) =>
        new(LinearAlgebra.MatMul(Data, other.Data), "MatMul", [this, other], output =>
        {
            AddToGrad(LinearAlgebra.MatMul(output.Grad, LinearAlgebra.Transpose(other.Data)));   // (n x m)(m x k) = n x k, like A
            other.AddToGrad(LinearAlgebra.MatMul(LinearAlgebra.Transpose(Data), output.Grad));   // (k x n)(n x m) = k x m, like B
        });

    /// <summary>this + other, two tensors of the same shape. Backward: dC goes to both, unchanged.</summary>
    /// <exception cref="ArgumentException">The shapes differ (your checkpoint-1 Add says so).</exception>
    public Tensor Add(Tensor other) =>
        new(LinearAlgebra.Add(Data, other.Data), "Add", [this, other], output =>
        {
            AddToGrad(output.Grad);
            other.AddToGrad(output.Grad);
        });

    /// <summary>
    /// this (n x m) with the 1 x m <paramref name="row"/> added to every row: a layer's bias. Backward: dC goes
    /// to this unchanged, and the row gets the column sums of dC (it was added to every row).
    /// </summary>
    /// <exception cref="ArgumentException">row is not 1 x Cols; the message names AddRowVector and both shapes.</exception>
    public Tensor AddRowVector(Tensor row)
    {
        if (row.Rows != 1 || row.Cols != Cols)
        {
            throw new ArgumentException($"AddRowVector: a {row.Shape} tensor is not a row for a {Shape} tensor; it must be 1x{Cols}.", nameof(row));
        }

        return new Tensor(LinearAlgebra.AddRowVector(Data, row.Data.Data), "AddRowVector", [this, row], output =>
        {
            AddToGrad(output.Grad);
            row.AddToGrad(new Matrix(1, Cols, LinearAlgebra.ColumnSums(output.Grad)));   // every row used b: its shares add up
        });
    }

    /// <summary>this ⊙ other, entry by entry, two tensors of the same shape. Backward: dThis += dC ⊙ other, dOther += dC ⊙ this.</summary>
    /// <exception cref="ArgumentException">The shapes differ (your checkpoint-1 Hadamard says so).</exception>
    public Tensor Hadamard(Tensor other) =>
        new(LinearAlgebra.Hadamard(Data, other.Data), "Hadamard", [this, other], output =>
        {
            AddToGrad(LinearAlgebra.Hadamard(output.Grad, other.Data));
            other.AddToGrad(LinearAlgebra.Hadamard(output.Grad, Data));
        });

    /// <summary>factor · this, every entry. Backward: dThis += factor · dC.</summary>
    public Tensor Scale(double factor) =>
        new(LinearAlgebra.Scale(Data, factor), "Scale", [this], output => AddToGrad(LinearAlgebra.Scale(output.Grad, factor)));

    /// <summary>
    /// f(this), entry by entry, for any activation of your network (Sigmoid, ReLU, or one given with its
    /// derivative, such as tanh): your checkpoint-3 <see cref="Activations.Apply(Matrix, ActivationFunction)"/>.
    /// Backward: dThis += dC ⊙ f′(this), with your checkpoint-4 ActivationDerivative.
    /// </summary>
    public Tensor Activate(ActivationFunction activation) =>
        new(Activations.Apply(Data, activation), activation.Name, [this], output =>
            AddToGrad(LinearAlgebra.Hadamard(output.Grad, Backpropagation.ActivationDerivative(Data, activation))));

    /// <summary>e^this, entry by entry. Backward: dThis += dC ⊙ e^this (the output itself).</summary>
    public Tensor Exp() =>
        new(Map(Data, Math.Exp), "Exp", [this], output => AddToGrad(LinearAlgebra.Hadamard(output.Grad, output.Data)));

    /// <summary>ln this, entry by entry, for positive entries. Backward: dThis += dC ⊘ this (divided entry by entry).</summary>
    public Tensor Log() =>
        new(Map(Data, Math.Log), "Log", [this], output =>
        {
            var delta = new Matrix(Rows, Cols);
            for (int i = 0; i < delta.Data.Length; i++)
            {
                delta.Data[i] = output.Grad.Data[i] / Data.Data[i];   // d ln a / da = 1 / a
            }

            AddToGrad(delta);
        });

    /// <summary>The sum of every entry, as a 1 x 1 tensor. Backward: every entry of this gets dC[0, 0].</summary>
    public Tensor Sum() =>
        new(Matrix.FromRows([Data.Data.Sum()]), "Sum", [this], output => AddToGrad(Filled(Rows, Cols, output.Grad[0, 0])));

    /// <summary>The mean of every entry, as a 1 x 1 tensor. Backward: every entry of this gets dC[0, 0] / (Rows · Cols).</summary>
    public Tensor Mean()
    {
        double count = Data.Data.Length;
        return new Tensor(Matrix.FromRows([Data.Data.Sum() / count]), "Mean", [this], output => AddToGrad(Filled(Rows, Cols, output.Grad[0, 0] / count)));
    }

    /// <summary>
    /// The mean cross-entropy of these logits (one sample per row) with <paramref name="labels"/>, as a 1 x 1
    /// tensor: your checkpoint-4 <see cref="Loss.CrossEntropy"/>. Backward: dLogits += dC[0, 0] · your
    /// <see cref="Loss.CrossEntropyGradient"/> — (softmax − one-hot) / n, which needs no Exp or Log node.
    /// </summary>
    /// <exception cref="ArgumentException">One label per row is needed, each a class (your checkpoint-4 Loss says so).</exception>
    public Tensor SoftmaxCrossEntropy(int[] labels) =>
        new(Matrix.FromRows([Loss.CrossEntropy(Data, labels)]), "SoftmaxCrossEntropy", [this], output =>
            AddToGrad(LinearAlgebra.Scale(Loss.CrossEntropyGradient(Data, labels), output.Grad[0, 0])));

    // Gradients add: an input used twice (here, or by two operations) collects the share of every use.
    private void AddToGrad(Matrix delta) => Grad = LinearAlgebra.Add(Grad, delta);

    private static Matrix Map(Matrix m, Func<double, double> f)
    {
        var result = new Matrix(m.Rows, m.Cols);
        for (int i = 0; i < m.Data.Length; i++)
        {
            result.Data[i] = f(m.Data[i]);
        }

        return result;
    }

    private static Matrix Filled(int rows, int cols, double value)
    {
        var m = new Matrix(rows, cols);
        Array.Fill(m.Data, value);
        return m;
    }
}
