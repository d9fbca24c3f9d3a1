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
        throw new NotImplementedException(
            "Checkpoint 13: implement Tensor.Backward — your Value.Backward for tensors: check the loss is 1x1, Grad = [[1]], Propagate in reverse topological order (checkpoints.md#13-autograd).");
    }
}
