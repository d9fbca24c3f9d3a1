using System.Globalization;

namespace Kata.Tests.Checkpoint11;

using Kata.TestSupport;
using NUnit.Framework;

/// <summary>
/// Seeded layers, models and sequences for checkpoint 11, made without learner code, and the gradient
/// check that compares a backward pass with the learner's own checkpoint-2 NumericalGradient.
/// </summary>
internal static class TestAttention
{
    private const double MaxRelativeError = 1e-6;

    // Gradients smaller than this are compared as if they were this large (see checkpoint 4's gradient check).
    private const double Floor = 1e-4;

    /// <summary>A layer whose four weight matrices are seeded numbers in [−scale, scale].</summary>
    public static AttentionLayer Layer(int width, int heads, int seed, double scale = 0.6) => new(
        Scaled(TestData.RandomMatrix(width, width, seed), scale),
        Scaled(TestData.RandomMatrix(width, width, seed + 1), scale),
        Scaled(TestData.RandomMatrix(width, width, seed + 2), scale),
        Scaled(TestData.RandomMatrix(width, width, seed + 3), scale),
        heads);

    /// <summary>An independent copy of <paramref name="model"/>: the same numbers, no shared arrays.</summary>
    public static SequenceModel Copy(SequenceModel model)
    {
        AttentionLayer a = model.Attention;
        return new SequenceModel(
            model.Embedding.Clone(),
            new AttentionLayer(a.QueryWeights.Clone(), a.KeyWeights.Clone(), a.ValueWeights.Clone(), a.OutputWeights.Clone(), a.Heads),
            model.Readout.Clone(),
            (double[])model.ReadoutBias.Clone(),
            model.Causal);
    }

    /// <summary>Every parameter of <paramref name="model"/> in one vector, in the order of <see cref="ParameterNames"/>.</summary>
    public static double[] Parameters(SequenceModel model) =>
    [
        .. model.Embedding.Data, .. model.Attention.QueryWeights.Data, .. model.Attention.KeyWeights.Data,
        .. model.Attention.ValueWeights.Data, .. model.Attention.OutputWeights.Data, .. model.Readout.Data, .. model.ReadoutBias,
    ];

    /// <summary>A model like <paramref name="shape"/> whose parameters are <paramref name="theta"/> (as from <see cref="Parameters"/>).</summary>
    public static SequenceModel WithParameters(SequenceModel shape, double[] theta)
    {
        int v = shape.Vocabulary, d = shape.ModelWidth, at = 0;
        Matrix Take(int rows, int cols)
        {
            var m = new Matrix(rows, cols, theta[at..(at + (rows * cols))]);
            at += rows * cols;
            return m;
        }

        Matrix embedding = Take(v, d);
        var attention = new AttentionLayer(Take(d, d), Take(d, d), Take(d, d), Take(d, d), shape.Attention.Heads);
        Matrix readout = Take(d, v);
        return new SequenceModel(embedding, attention, readout, theta[at..], shape.Causal);
    }

    /// <summary>The names of <see cref="Parameters"/>, for a failure message: "Embedding[2, 0]", "ReadoutBias[3]".</summary>
    public static string[] ParameterNames(SequenceModel model)
    {
        int v = model.Vocabulary, d = model.ModelWidth;
        return
        [
            .. Names("Embedding", v, d), .. Names("QueryWeights", d, d), .. Names("KeyWeights", d, d), .. Names("ValueWeights", d, d),
            .. Names("OutputWeights", d, d), .. Names("Readout", d, v), .. Enumerable.Range(0, v).Select(j => $"ReadoutBias[{j}]"),
        ];
    }

    /// <summary>"name[r, c]" for every entry of a rows x cols matrix, row by row.</summary>
    public static IEnumerable<string> Names(string name, int rows, int cols) =>
        from r in Enumerable.Range(0, rows) from c in Enumerable.Range(0, cols) select $"{name}[{r}, {c}]";

    /// <summary>Σ a[i, j]·b[i, j]: a loss that is linear in a, so that its gradient with respect to a is b.</summary>
    public static double SumOfProducts(Matrix a, Matrix b) => a.Data.Zip(b.Data, (x, y) => x * y).Sum();

    /// <summary>The rows of <paramref name="x"/> in the order <paramref name="order"/>: row i of the result is row order[i].</summary>
    public static Matrix PermuteRows(Matrix x, int[] order)
    {
        var result = new Matrix(x.Rows, x.Cols);
        for (int i = 0; i < order.Length; i++)
        {
            x.Row(order[i]).CopyTo(result.Row(i));
        }

        return result;
    }

    /// <summary>Columns first … first + count − 1 of <paramref name="m"/>, copied.</summary>
    public static Matrix Columns(Matrix m, int first, int count)
    {
        var slice = new Matrix(m.Rows, count);
        for (int i = 0; i < m.Rows; i++)
        {
            m.Row(i).Slice(first, count).CopyTo(slice.Row(i));
        }

        return slice;
    }

    /// <summary>The position of the largest score in each row (the first of equal ones): the model's answer.</summary>
    public static int[] Answers(Matrix logits) =>
        [.. Enumerable.Range(0, logits.Rows).Select(r => logits.Row(r).IndexOf(MaxOf(logits.Row(r))))];

    /// <summary>The fraction of sequences of <paramref name="data"/> the model answers right at every position.</summary>
    public static double ExactlyRight(SequenceModel model, SequenceData data) =>
        Enumerable.Range(0, data.Count).Count(i => Answers(model.Forward(data.Inputs[i])).SequenceEqual(data.Targets[i])) / (double)data.Count;

    /// <summary>
    /// Fails, naming the first parameter that disagrees, unless <paramref name="analytic"/> (from the
    /// learner's backward pass) equals the learner's own <see cref="Calculus.NumericalGradient"/> of
    /// <paramref name="loss"/> at <paramref name="at"/> to a relative error below 10⁻⁶.
    /// </summary>
    public static void ShouldMatchNumericalGradient(string method, Func<double[], double> loss, double[] at, double[] analytic, IReadOnlyList<string> names)
    {
        analytic.Length.ShouldBeOfLength(at.Length, method);
        double[] numeric = Calculus.NumericalGradient(loss, at);
        int[] disagree = [.. Enumerable.Range(0, at.Length).Where(i => !(RelativeError(analytic[i], numeric[i]) < MaxRelativeError))];
        if (disagree.Length > 0)
        {
            int i = disagree[0];
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{method}'s gradient for {names[i]} is {analytic[i]:G8}, but your numerical gradient of the loss is {numeric[i]:G8} "
                + $"(relative error {RelativeError(analytic[i], numeric[i]):G3}, allowed {MaxRelativeError:G1}). "
                + $"{disagree.Length} of {at.Length} numbers disagree; this is the first, in the order {string.Join(", ", names.Select(n => n.Split('[')[0]).Distinct())}."));
        }
    }

    private static void ShouldBeOfLength(this int length, int expected, string method)
    {
        if (length != expected)
        {
            Assert.Fail($"{method} should give one gradient entry per number it depends on ({expected}), but gave {length}.");
        }
    }

    private static double RelativeError(double a, double b) =>
        Math.Abs(a - b) / Math.Max(Floor, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static double MaxOf(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static Matrix Scaled(Matrix m, double scale)
    {
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] *= scale / 2;
        }

        return m;
    }
}
