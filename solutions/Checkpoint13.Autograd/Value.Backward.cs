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
        // Topological order: a value comes after every value it was computed from (depth first, each once).
        var order = new List<Value>();
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        void Visit(Value v)
        {
            if (visited.Add(v))
            {
                foreach (Value input in v.Inputs)
                {
                    Visit(input);
                }

                order.Add(v);
            }
        }

        Visit(this);

        // Reversed, a value's Grad is complete before it is propagated: every value made from it has sent its share.
        Grad = 1;
        for (int i = order.Count - 1; i >= 0; i--)
        {
            order[i].Propagate();
        }
    }
}
