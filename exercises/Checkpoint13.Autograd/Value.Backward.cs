namespace NeuralNet;

/// <summary>Checkpoint 13 — your part of the scalar engine: backpropagation through any graph of values.</summary>
public sealed partial class Value
{
    /// <summary>
    /// Reverse-mode automatic differentiation from this value: sets this value's Grad to 1 (∂out/∂out) and then
    /// calls <see cref="Propagate"/> on every value it was computed from, directly or not, each exactly once
    /// and each only after every value computed from it — the reverse of a topological order of the graph.
    /// Afterwards every value's Grad is ∂this/∂(that value). A value used twice (a · a, or a in two branches)
    /// collects the sum of both paths, because every operation adds to its inputs' Grad.
    /// </summary>
    public void Backward()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Backward — a topological order of the graph (inputs before the values made from them), Grad = 1, then Propagate in reverse order (checkpoints.md#13-autograd).");
    }
}
