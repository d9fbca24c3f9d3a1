using System.Globalization;

namespace Kata.Tests.Checkpoint11.HoldOut;

using Kata.Tests.Checkpoint11;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 11: an example with three positions and d = 4 computed by numpy, an odd
/// width and a far position for the encoding, four heads and a single token for the gradient check, and
/// another task — with the causal mask — trained end to end.
/// </summary>
[Checkpoint(11)]
[HoldOut]
public sealed class AttentionHoldOutTests
{
    [Grades("Attention.Scores", "Attention.Softmax", "Attention.Attend")]
    [TestCase(false)]
    [TestCase(true)]
    public void Attend_with_three_positions_and_d_of_four_matches_numpy(bool causal)
    {
        var q = Matrix.FromRows([1, 0, -1, 2], [0.5, 1, 0, -1], [2, -1, 1, 0]);
        var k = Matrix.FromRows([1, 1, 0, 0], [0, -1, 2, 1], [-1, 0, 1, 1]);
        var v = Matrix.FromRows([1, -2], [0, 3], [4, 1]);

        Matrix output = Attention.Attend(q, k, v, causal);

        // numpy: S = Q @ K.T / 2 (+ −inf above the diagonal when causal); P = row softmax of S; P @ V.
        Matrix expected = causal
            ? Matrix.FromRows([1.0, -2.0], [0.8519528019683106, -1.2597640098415528], [0.6048507637363195, 1.596296498385251])
            : Matrix.FromRows([1.5481372381223941, 0.192548952489576], [1.354796392764526, -0.8988075890575014], [0.6048507637363195, 1.596296498385251]);
        output.ShouldMatch(expected, 1e-12);
    }

    [Grades("Positions.Sinusoidal")]
    [Test]
    public void Sinusoidal_with_an_odd_width_ends_with_a_sine_column_and_reaches_far_positions()
    {
        Matrix pe = Positions.Sinusoidal(101, 5);

        // ω_i = 1/10000^(2i/5) for the pairs i = 0, 1 and the lone last column (i = 2), at t = 100.
        double[] omega = [.. Enumerable.Range(0, 3).Select(i => 1 / Math.Pow(10000, 2.0 * i / 5))];
        double[] expected = [Math.Sin(100 * omega[0]), Math.Cos(100 * omega[0]), Math.Sin(100 * omega[1]), Math.Cos(100 * omega[1]), Math.Sin(100 * omega[2])];
        pe.ShouldHaveShape(101, 5);
        pe.Row(100).ToArray().ShouldBe(expected, 1e-12, "position 100 of a width-5 encoding");
    }

    [Grades("SelfAttention.Forward")]
    [Test]
    public void Four_heads_without_a_mask_are_still_permutation_equivariant()
    {
        AttentionLayer layer = TestAttention.Layer(width: 8, heads: 4, seed: 11901);
        Matrix x = TestData.RandomMatrix(6, 8, seed: 11902);
        int[] order = [5, 2, 0, 4, 1, 3];

        Matrix ofPermuted = layer.Forward(TestAttention.PermuteRows(x, order), causal: false);

        ofPermuted.ShouldMatch(TestAttention.PermuteRows(layer.Forward(x, causal: false), order), 1e-12);
    }

    [Grades("SelfAttention.Backward")]
    [TestCase(4, 7, true)]
    [TestCase(4, 7, false)]
    [TestCase(2, 1, true)]
    public void SelfAttention_Backward_agrees_with_the_numerical_gradient_on_unseen_sizes(int heads, int tokens, bool causal)
    {
        const int Width = 8;
        AttentionLayer layer = TestAttention.Layer(Width, heads, seed: 11903);
        Matrix x = TestData.RandomMatrix(tokens, Width, seed: 11904), g = TestData.RandomMatrix(tokens, Width, seed: 11905);

        AttentionGradients gradients = layer.Backward(x, causal, g);

        int square = Width * Width;
        double Loss(double[] theta)
        {
            Matrix Part(int index, int rows) => new(rows, Width, theta[(square * index)..((square * index) + (rows * Width))]);
            return TestAttention.SumOfProducts(new AttentionLayer(Part(0, Width), Part(1, Width), Part(2, Width), Part(3, Width), heads).Forward(Part(4, tokens), causal), g);
        }

        TestAttention.ShouldMatchNumericalGradient(
            "SelfAttention.Backward",
            Loss,
            [.. layer.QueryWeights.Data, .. layer.KeyWeights.Data, .. layer.ValueWeights.Data, .. layer.OutputWeights.Data, .. x.Data],
            [.. gradients.Query.Data, .. gradients.Key.Data, .. gradients.Value.Data, .. gradients.Output.Data, .. gradients.Input.Data],
            [.. TestAttention.Names("Query", Width, Width), .. TestAttention.Names("Key", Width, Width), .. TestAttention.Names("Value", Width, Width), .. TestAttention.Names("Output", Width, Width), .. TestAttention.Names("Input", tokens, Width)]);
    }

    [Grades("SequenceTraining.Forward", "SequenceTraining.TrainStep", "SequenceTraining.Train")]
    [Test]
    [TimeLimit(180)]
    public void A_causal_model_learns_to_repeat_the_previous_token()
    {
        // [3, 1, 4, 1, 5, 2] → [3, 3, 1, 4, 1, 5]: position t answers the token at t − 1 (position 0 itself),
        // which a causal model may see.
        (SequenceData train, SequenceData test) = SequenceData.Reversal(1000, 500, length: 6, vocabulary: 8, seed: 11906);
        (train, test) = (Previous(train), Previous(test));
        var model = new SequenceModel(vocabulary: 8, modelWidth: 16, heads: 2, causal: true, seed: 11907);

        model.Train(train.Inputs, train.Targets, new Adam(0.005), epochs: 6, batchSize: 16);

        double accuracy = TestAttention.ExactlyRight(model, test);
        accuracy.ShouldBeGreaterThanOrEqualTo(0.95, string.Create(CultureInfo.InvariantCulture, $"{accuracy:P1} of 500 new sequences came out exactly right"));
    }

    private static SequenceData Previous(SequenceData data) =>
        new(data.Inputs, [.. data.Inputs.Select(x => x.Select((_, t) => x[Math.Max(t - 1, 0)]).ToArray())]);
}
