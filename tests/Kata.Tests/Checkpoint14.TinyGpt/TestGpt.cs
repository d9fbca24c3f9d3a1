namespace Kata.Tests.Checkpoint14;

using Kata.Tests.Checkpoint11;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Small seeded models, blocks and data for checkpoint 14, made without learner code, and every parameter of
/// a model as one vector θ (with names) for the comparison with the learner's numerical gradient.
/// </summary>
internal static class TestGpt
{
    /// <summary>
    /// A model of the given sizes whose every parameter — layer-norm gains and biases included — is a seeded
    /// number: gains in [0.5, 1.5], everything else in [−scale, scale].
    /// </summary>
    public static TinyGpt Model(int seed, int vocabulary = 5, int context = 4, int width = 4, int heads = 2, int layers = 1, double scale = 0.5)
    {
        var model = new TinyGpt(new GptSettings(vocabulary, context, width, heads, layers), seed);
        var random = new Random(seed);
        foreach ((Tensor p, string name) in model.Parameters.Zip(ParameterNames(model)))
        {
            bool gain = name.Contains("Gain", StringComparison.Ordinal);
            for (int i = 0; i < p.Data.Data.Length; i++)
            {
                p.Data.Data[i] = gain ? 0.5 + random.NextDouble() : scale * ((2 * random.NextDouble()) - 1);
            }
        }

        return model;
    }

    /// <summary>A block of <paramref name="width"/> and <paramref name="heads"/> whose every parameter is a seeded number in [−0.6, 0.6].</summary>
    public static GptBlock Block(int width, int heads, int seed)
    {
        var random = new Random(seed);
        Tensor Draw(int rows, int cols) => new(new Matrix(rows, cols, [.. Enumerable.Range(0, rows * cols).Select(_ => (1.2 * random.NextDouble()) - 0.6)]));
        return new GptBlock(
            width, heads, Draw(1, width), Draw(1, width), Draw(width, width), Draw(width, width), Draw(width, width), Draw(width, width),
            Draw(1, width), Draw(1, width), Draw(width, 4 * width), Draw(1, 4 * width), Draw(4 * width, width), Draw(1, width));
    }

    /// <summary>Every parameter of <paramref name="model"/> in one vector, in the order of model.Parameters.</summary>
    public static double[] Theta(TinyGpt model) => [.. model.Parameters.SelectMany(p => p.Data.Data)];

    /// <summary>A copy of <paramref name="model"/> whose parameters are <paramref name="theta"/> (as from <see cref="Theta"/>).</summary>
    public static TinyGpt WithTheta(TinyGpt model, double[] theta)
    {
        TinyGpt copy = model.Clone();
        int at = 0;
        foreach (Tensor p in copy.Parameters)
        {
            Array.Copy(theta, at, p.Data.Data, 0, p.Data.Data.Length);
            at += p.Data.Data.Length;
        }

        return copy;
    }

    /// <summary>The name of every parameter tensor, in the order of model.Parameters: "TokenEmbedding", "Blocks[0].QueryWeights", ….</summary>
    public static string[] ParameterNames(TinyGpt model)
    {
        string[] block =
        [
            "AttentionNormGain", "AttentionNormBias", "QueryWeights", "KeyWeights", "ValueWeights", "OutputWeights",
            "MlpNormGain", "MlpNormBias", "MlpHiddenWeights", "MlpHiddenBias", "MlpOutputWeights", "MlpOutputBias",
        ];
        return
        [
            "TokenEmbedding", "PositionEmbedding",
            .. Enumerable.Range(0, model.Blocks.Count).SelectMany(l => block.Select(name => $"Blocks[{l}].{name}")),
            "FinalNormGain", "FinalNormBias", "Readout", "ReadoutBias",
        ];
    }

    /// <summary>"name[r, c]" for every number of every parameter, in the order of <see cref="Theta"/>.</summary>
    public static string[] EntryNames(TinyGpt model) =>
        [.. model.Parameters.Zip(ParameterNames(model)).SelectMany(p => TestAttention.Names(p.Second, p.First.Rows, p.First.Cols))];

    /// <summary><paramref name="count"/> sequences of <paramref name="length"/> seeded tokens from 0 to vocabulary − 1.</summary>
    public static int[][] Sequences(int count, int length, int vocabulary, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => random.Next(vocabulary)).ToArray())];
    }

    /// <summary>Rows first … first + count − 1 of m, copied.</summary>
    public static Matrix RowsOf(Matrix m, int first, int count) => new(count, m.Cols, m.Data[(first * m.Cols)..((first + count) * m.Cols)]);

    /// <summary>The leaf of a seeded random matrix with entries in [−2, 2].</summary>
    public static Tensor Leaf(int rows, int cols, int seed) => new(TestData.RandomMatrix(rows, cols, seed));

    /// <summary>
    /// Every entry of <paramref name="actual"/> within <paramref name="tolerance"/> of <paramref name="expected"/>'s
    /// (one per parameter entry, <paramref name="names"/> from <see cref="EntryNames"/>). A failure names the first
    /// entry that differs, with both values and how many differ, instead of printing thousands of numbers.
    /// </summary>
    public static void ShouldBeEntryByEntry(this double[] actual, double[] expected, double tolerance, IReadOnlyList<string> names, string what)
    {
        actual.Length.ShouldBe(expected.Length, $"{what}: one number per parameter entry");
        int[] differ = [.. Enumerable.Range(0, expected.Length).Where(i => !(Math.Abs(actual[i] - expected[i]) <= tolerance))];
        if (differ.Length > 0)
        {
            int first = differ[0];
            actual[first].ShouldBe(expected[first], tolerance, $"{what}; {names[first]} is the first of the {differ.Length} of {expected.Length} entries that differ");
        }
    }

    /// <summary>
    /// <paramref name="model"/>'s NextTokenLoss of a batch whose targets hold −1. Should it throw (a stub's
    /// NotImplementedException aside), the failure names NextTokenLoss and the likely cause, a −1 handed on to
    /// the cross-entropy, rather than the method deep inside that threw.
    /// </summary>
    public static Tensor LossWithNoTargets(TinyGpt model, int[][] inputs, int[][] targets)
    {
        try
        {
            return model.NextTokenLoss(inputs, targets);
        }
        catch (Exception error) when (error is not NotImplementedException)
        {
            Assert.Fail($"NextTokenLoss threw {error.GetType().Name} (\"{error.Message.Split('\n')[0].Trim()}\") on targets that hold −1. A target of −1 (TinyGpt.NoTarget) means its position has none: leave those positions out before the cross-entropy, which takes only tokens 0 … V − 1.");
            throw;
        }
    }
}
