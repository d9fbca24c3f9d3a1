namespace Kata.Tests.Checkpoint13;

using Kata.Tests.Checkpoint11;
using Kata.TestSupport;

/// <summary>
/// What checkpoint 13's tests share: the test's own walk through a graph (so that a test of one operation
/// needs no Backward of the learner's), graphs built from the test's own nodes (so that a test of Backward
/// needs no operation of the learner's), and the comparison with the learner's checkpoint-2 numerical gradient.
/// </summary>
internal static class TestAutograd
{
    /// <summary>
    /// The test's own backpropagation from <paramref name="output"/>: its Grad set to <paramref name="grad"/>
    /// (1 unless a test draws another), then Propagate, each value after all the values made from it.
    /// </summary>
    public static void Backprop(Value output, double grad = 1)
    {
        output.Grad = grad;
        foreach (Value v in ReverseTopological(output, v => v.Inputs))
        {
            v.Propagate();
        }
    }

    /// <summary>The test's own backpropagation from <paramref name="output"/>, whose Grad the test has set already (any shape).</summary>
    public static void Backprop(Tensor output)
    {
        foreach (Tensor t in ReverseTopological(output, t => t.Inputs))
        {
            t.Propagate();
        }
    }

    /// <summary>
    /// Every node reachable from <paramref name="output"/>, each once, each before the nodes it was made from:
    /// the order in which Backward must propagate them.
    /// </summary>
    public static List<T> ReverseTopological<T>(T output, Func<T, IEnumerable<T>> inputs)
        where T : class
    {
        var order = new List<T>();
        var visited = new HashSet<T>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(T Node, bool Expanded)>([(output, false)]);
        while (stack.Count > 0)
        {
            (T node, bool expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(node);
            }
            else if (visited.Add(node))
            {
                stack.Push((node, true));
                foreach (T input in inputs(node))
                {
                    stack.Push((input, false));
                }
            }
        }

        order.Reverse();
        return order;
    }

    /// <summary>A value made by the test: data = Σ coefficient · input, whose backward adds coefficient · Grad to each input.</summary>
    public static Value Linear(string name, params (Value Input, double Coefficient)[] terms) =>
        new(terms.Sum(t => t.Coefficient * t.Input.Data), name, [.. terms.Select(t => t.Input)], output =>
        {
            foreach ((Value input, double coefficient) in terms)
            {
                input.Grad += coefficient * output.Grad;
            }
        });

    /// <summary>A value made by the test: data = a · b, whose backward adds Grad · b to a and Grad · a to b.</summary>
    public static Value Product(string name, Value a, Value b) =>
        new(a.Data * b.Data, name, [a, b], output =>
        {
            a.Grad += output.Grad * b.Data;
            b.Grad += output.Grad * a.Data;
        });

    /// <summary>A tensor made by the test: Σ coefficient · input over inputs of one shape, whose backward adds coefficient · Grad to each.</summary>
    public static Tensor Linear(string name, params (Tensor Input, double Coefficient)[] terms)
    {
        Matrix first = terms[0].Input.Data;
        var data = new Matrix(first.Rows, first.Cols);
        foreach ((Tensor input, double coefficient) in terms)
        {
            for (int i = 0; i < data.Data.Length; i++)
            {
                data.Data[i] += coefficient * input.Data.Data[i];
            }
        }

        return new Tensor(data, name, [.. terms.Select(t => t.Input)], output =>
        {
            foreach ((Tensor input, double coefficient) in terms)
            {
                var grad = new Matrix(first.Rows, first.Cols);
                for (int i = 0; i < grad.Data.Length; i++)
                {
                    grad.Data[i] = input.Grad.Data[i] + (coefficient * output.Grad.Data[i]);
                }

                input.Grad = grad;
            }
        });
    }

    /// <summary>A tensor made by the test: the sum of every entry (1 x 1), whose backward adds Grad[0, 0] to every entry.</summary>
    public static Tensor Total(string name, Tensor input) =>
        new(Matrix.FromRows([input.Data.Data.Sum()]), name, [input], output =>
        {
            var grad = new Matrix(input.Rows, input.Cols, [.. input.Grad.Data.Select(g => g + output.Grad[0, 0])]);
            input.Grad = grad;
        });

    /// <summary>
    /// Fails, naming the first number that disagrees, unless <paramref name="analytic"/> (from the learner's
    /// engine) equals the learner's own <see cref="Calculus.NumericalGradient"/> of <paramref name="f"/> at
    /// <paramref name="at"/> to a relative error below 10⁻⁶ (checkpoint 11's check).
    /// </summary>
    public static void ShouldMatchNumericalGradient(string what, Func<double[], double> f, double[] at, double[] analytic, IReadOnlyList<string> names) =>
        TestAttention.ShouldMatchNumericalGradient(what, f, at, analytic, names);

    /// <summary>"name[r, c]" for every entry of a rows x cols matrix, row by row.</summary>
    public static IEnumerable<string> Names(string name, int rows, int cols) => TestAttention.Names(name, rows, cols);

    /// <summary>Σ a[i, j]·b[i, j]: a loss that is linear in a, so that its gradient with respect to a is b.</summary>
    public static double SumOfProducts(Matrix a, Matrix b) => TestAttention.SumOfProducts(a, b);

    /// <summary>A leaf over a seeded random matrix with entries in [low, high].</summary>
    public static Tensor Leaf(int rows, int cols, int seed, double low = -2, double high = 2)
    {
        Matrix m = TestData.RandomMatrix(rows, cols, seed);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] = low + ((m.Data[i] + 2) / 4 * (high - low));
        }

        return new Tensor(m);
    }
}
