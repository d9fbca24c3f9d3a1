namespace NeuralNet;

/// <summary>Checkpoint 13 — your part of the matrix engine: backpropagation through any graph of tensors.</summary>
public sealed partial class Tensor
{
    /// <summary>
    /// Reverse-mode automatic differentiation from this 1 x 1 tensor (a loss): sets its Grad to [[1]] and then
    /// calls <see cref="Propagate"/> on every tensor it was computed from, directly or not, each exactly once
    /// and each only after every tensor computed from it — your <see cref="Value.Backward"/>, for matrices.
    /// Afterwards every tensor's Grad is ∂loss/∂Data, entry by entry.
    /// </summary>
    /// <exception cref="ArgumentException">This tensor is not 1 x 1; the message names Backward and its shape.</exception>
    public void Backward()
    {
        if (Rows != 1 || Cols != 1)
        {
            throw new ArgumentException(
                $"Backward: start from a single number, a 1x1 tensor such as a loss (Sum, Mean or SoftmaxCrossEntropy), not from a {Shape} tensor.");
        }

        // Topological order: a tensor comes after every tensor it was computed from (depth first, each once).
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        void Visit(Tensor t)
        {
            if (visited.Add(t))
            {
                foreach (Tensor input in t.Inputs)
                {
                    Visit(input);
                }

                order.Add(t);
            }
        }

        Visit(this);

        // ∂loss/∂loss = 1; reversed, each tensor's Grad is complete before it is propagated.
        Grad = Matrix.FromRows([1.0]);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            order[i].Propagate();
        }
    }
}
