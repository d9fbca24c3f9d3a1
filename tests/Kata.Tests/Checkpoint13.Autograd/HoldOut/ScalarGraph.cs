using System.Globalization;

namespace Kata.Tests.Checkpoint13.HoldOut;

using Kata.Tests.Checkpoint13;
using Kata.TestSupport;

/// <summary>
/// A drawn graph of values built from the test's own nodes only: a few leaves, then sums with drawn
/// coefficients and products of earlier values — any earlier value, so values are used on several paths
/// and sometimes twice by one node. <see cref="Build"/> makes a fresh copy each time: one for the test's
/// own walk, one for the learner's Backward.
/// </summary>
internal sealed class ScalarGraph
{
    private readonly double[] _leaves;
    private readonly List<(int[] Inputs, double[] Coefficients, bool Product)> _nodes = [];

    private ScalarGraph(double[] leaves) => _leaves = leaves;

    /// <summary>2–4 leaves in [−2, 2), then 3–8 nodes, the last of them the output.</summary>
    public static ScalarGraph Draw(Random random)
    {
        var graph = new ScalarGraph(GradeTime.Vector(random, GradeTime.Between(random, 2, 4)));
        int nodes = GradeTime.Between(random, 3, 8);
        for (int n = 0; n < nodes; n++)
        {
            int available = graph._leaves.Length + n;
            if (GradeTime.Between(random, 0, 2) == 0)
            {
                graph._nodes.Add(([GradeTime.Between(random, 0, available - 1), GradeTime.Between(random, 0, available - 1)], [], true));
            }
            else
            {
                int terms = GradeTime.Between(random, 1, 3);
                int[] inputs = [.. Enumerable.Range(0, terms).Select(_ => GradeTime.Between(random, 0, available - 1))];
                inputs[0] = available - 1; // every node uses the one before it: the output depends on all of them
                graph._nodes.Add((inputs, GradeTime.Vector(random, terms, -1.5, 1.5), false));
            }
        }

        return graph;
    }

    /// <summary>A fresh copy: the leaves, then every node, in the order drawn (the output last).</summary>
    public Value[] Build()
    {
        var values = new List<Value>(_leaves.Select(v => new Value(v)));
        for (int n = 0; n < _nodes.Count; n++)
        {
            (int[] inputs, double[] coefficients, bool product) = _nodes[n];
            string name = string.Create(CultureInfo.InvariantCulture, $"node {n}");
            values.Add(product
                ? TestAutograd.Product(name, values[inputs[0]], values[inputs[1]])
                : TestAutograd.Linear(name, [.. inputs.Select((input, t) => (values[input], coefficients[t]))]));
        }

        return [.. values];
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{_leaves.Length} leaves; " + string.Join("; ", _nodes.Select((node, n) =>
            $"node {n} = {(node.Product ? $"v{node.Inputs[0]} · v{node.Inputs[1]}" : string.Join(" + ", node.Inputs.Select((input, t) => string.Create(CultureInfo.InvariantCulture, $"{node.Coefficients[t]:F2}·v{input}"))))}"));
}
