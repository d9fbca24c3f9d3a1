using System.Globalization;

namespace Kata.Tests.Checkpoint13.HoldOut;

using Kata.Tests.Checkpoint13;
using Kata.TestSupport;

/// <summary>
/// A drawn graph of tensors of one drawn shape, built from the test's own nodes only: a few leaves, then
/// sums with drawn coefficients of earlier tensors (used on several paths, sometimes twice by one node),
/// and at the end the sum of every entry of the last one, a 1 x 1 loss. <see cref="Build"/> makes a fresh
/// copy each time: one for the test's own walk, one for the learner's Backward.
/// </summary>
internal sealed class TensorGraph
{
    private readonly Matrix[] _leaves;
    private readonly List<(int[] Inputs, double[] Coefficients)> _nodes = [];

    private TensorGraph(Matrix[] leaves) => _leaves = leaves;

    /// <summary>2–3 leaves of a drawn shape (up to 4x4), then 2–6 nodes, then the loss.</summary>
    public static TensorGraph Draw(Random random)
    {
        int rows = GradeTime.Between(random, 1, 4), cols = GradeTime.Between(random, 1, 4);
        var graph = new TensorGraph([.. Enumerable.Range(0, GradeTime.Between(random, 2, 3)).Select(_ => GradeTime.Matrix(random, rows, cols))]);
        int nodes = GradeTime.Between(random, 2, 6);
        for (int n = 0; n < nodes; n++)
        {
            int available = graph._leaves.Length + n, terms = GradeTime.Between(random, 1, 3);
            int[] inputs = [.. Enumerable.Range(0, terms).Select(_ => GradeTime.Between(random, 0, available - 1))];
            inputs[0] = available - 1; // every node uses the one before it: the loss depends on all of them
            graph._nodes.Add((inputs, GradeTime.Vector(random, terms, -1.5, 1.5)));
        }

        return graph;
    }

    /// <summary>A fresh copy: the leaves, every node in the order drawn, and the 1 x 1 loss last.</summary>
    public Tensor[] Build()
    {
        var tensors = new List<Tensor>(_leaves.Select(m => new Tensor(m.Clone())));
        for (int n = 0; n < _nodes.Count; n++)
        {
            (int[] inputs, double[] coefficients) = _nodes[n];
            tensors.Add(TestAutograd.Linear(string.Create(CultureInfo.InvariantCulture, $"node {n}"), [.. inputs.Select((input, t) => (tensors[input], coefficients[t]))]));
        }

        tensors.Add(TestAutograd.Total("Σ", tensors[^1]));
        return [.. tensors];
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{_leaves.Length} leaves of {_leaves[0].Shape}; " + string.Join("; ", _nodes.Select((node, n) =>
            $"node {n} = {string.Join(" + ", node.Inputs.Select((input, t) => string.Create(CultureInfo.InvariantCulture, $"{node.Coefficients[t]:F2}·t{input}")))}")) + "; loss = Σ of the last";
}
