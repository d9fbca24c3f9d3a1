namespace NeuralNet;

// A plain learner's Tensor.Backward: Value.Backward again, from a 1x1 loss.
public sealed partial class Tensor
{
    public void Backward()
    {
        if (Rows != 1 || Cols != 1)
        {
            throw new ArgumentException($"Backward: the loss must be a 1x1 tensor, but this one is {Shape}.");
        }

        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>();
        Visit(this, order, visited);

        Grad = Matrix.FromRows([1.0]);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            order[i].Propagate();
        }
    }

    private static void Visit(Tensor t, List<Tensor> order, HashSet<Tensor> visited)
    {
        if (!visited.Add(t))
        {
            return;
        }

        foreach (Tensor input in t.Inputs)
        {
            Visit(input, order, visited);
        }

        order.Add(t);
    }
}
