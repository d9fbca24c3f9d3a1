namespace NeuralNet;

// A plain learner's Backward: a depth-first topological order with a visited set, then the closures in reverse.
public sealed partial class Value
{
    public void Backward()
    {
        var order = new List<Value>();
        var visited = new HashSet<Value>();
        Visit(this, order, visited);

        Grad = 1;
        for (int i = order.Count - 1; i >= 0; i--)
        {
            order[i].Propagate();
        }
    }

    // Inputs first, then the value: the topological order. Recursive, as the hint says.
    private static void Visit(Value v, List<Value> order, HashSet<Value> visited)
    {
        if (!visited.Add(v))
        {
            return;
        }

        foreach (Value input in v.Inputs)
        {
            Visit(input, order, visited);
        }

        order.Add(v);
    }
}
