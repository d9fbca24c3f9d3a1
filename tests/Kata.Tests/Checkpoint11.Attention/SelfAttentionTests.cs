namespace Kata.Tests.Checkpoint11;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The multi-head self-attention layer's forward pass: projections, heads, causal mask, output projection.</summary>
[Checkpoint(11)]
[Grades("SelfAttention.Forward")]
public sealed class SelfAttentionTests
{
    private const double Tolerance = 1e-12;

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(7)]
    public void Forward_gives_one_row_per_token(int tokens)
    {
        AttentionLayer layer = TestAttention.Layer(width: 6, heads: 2, seed: 1121);

        layer.Forward(TestData.RandomMatrix(tokens, 6, seed: 1122), causal: false).ShouldHaveShape(tokens, 6);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void With_uniform_attention_each_head_fills_its_own_columns_in_head_order(bool causal)
    {
        // W_Q = W_K = 0: every score is 0, so every position weighs the positions it may see equally.
        // W_V = diag(1, 2, 3, 4), W_O = I, two heads of width 2: head 0 owns columns 0-1, head 1 columns 2-3.
        //   X = [[1, 1, 1, 1], [3, 3, 3, 3], [5, 5, 5, 5]] → V = [[1, 2, 3, 4], [3, 6, 9, 12], [5, 10, 15, 20]]
        //   no mask: every row is the mean of V's rows, [3, 6, 9, 12]
        //   causal:  row t is the mean of V's rows 0…t: [1, 2, 3, 4], [2, 4, 6, 8], [3, 6, 9, 12]
        var zero = new Matrix(4, 4);
        var layer = new AttentionLayer(zero, zero, Diagonal(1, 2, 3, 4), Matrix.Identity(4), heads: 2);
        var x = Matrix.FromRows([1, 1, 1, 1], [3, 3, 3, 3], [5, 5, 5, 5]);

        Matrix output = layer.Forward(x, causal);

        Matrix expected = causal
            ? Matrix.FromRows([1, 2, 3, 4], [2, 4, 6, 8], [3, 6, 9, 12])
            : Matrix.FromRows([3, 6, 9, 12], [3, 6, 9, 12], [3, 6, 9, 12]);
        output.ShouldMatch(expected, Tolerance, "head h works on columns 2h and 2h + 1 of Q, K and V, and its output goes back into the same columns");
    }

    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(3, false)]
    [TestCase(2, true)]
    [TestCase(3, true)]
    public void Forward_is_each_heads_attention_on_its_columns_side_by_side_times_W_O(int heads, bool causal)
    {
        AttentionLayer layer = TestAttention.Layer(width: 6, heads, seed: 1123);
        Matrix x = TestData.RandomMatrix(5, 6, seed: 1124);

        Matrix output = layer.Forward(x, causal);

        // The same computation from your Attend and MatMul: Q = X·W_Q, K = X·W_K, V = X·W_V; head h on
        // columns h·d_k … (h + 1)·d_k − 1; the heads' outputs side by side, head 0 first; times W_O.
        Matrix q = LinearAlgebra.MatMul(x, layer.QueryWeights), k = LinearAlgebra.MatMul(x, layer.KeyWeights), v = LinearAlgebra.MatMul(x, layer.ValueWeights);
        int width = layer.HeadWidth;
        var concat = new Matrix(5, 6);
        for (int h = 0; h < heads; h++)
        {
            Matrix head = Attention.Attend(TestAttention.Columns(q, h * width, width), TestAttention.Columns(k, h * width, width), TestAttention.Columns(v, h * width, width), causal);
            for (int t = 0; t < 5; t++)
            {
                head.Row(t).CopyTo(concat.Row(t).Slice(h * width, width));
            }
        }

        output.ShouldMatch(LinearAlgebra.MatMul(concat, layer.OutputWeights), 1e-12, $"concat(head 0, …, head {heads - 1})·W_O with Q = X·W_Q (not X·W_Qᵀ), K = X·W_K, V = X·W_V");
    }

    [Test]
    public void With_the_causal_mask_the_first_token_sees_only_itself()
    {
        // Row 0 may look only at position 0: all its weight is on itself, in every head, so its output is
        // x₀·W_V·W_O whatever the other tokens are.
        AttentionLayer layer = TestAttention.Layer(width: 4, heads: 2, seed: 1125);
        Matrix x = TestData.RandomMatrix(3, 4, seed: 1126);

        Matrix output = layer.Forward(x, causal: true);

        var expected = new Matrix(1, 4);
        for (int j = 0; j < 4; j++)
        {
            for (int a = 0; a < 4; a++)
            {
                for (int b = 0; b < 4; b++)
                {
                    expected[0, j] += x[0, a] * layer.ValueWeights[a, b] * layer.OutputWeights[b, j];
                }
            }
        }

        output.Row(0).ToArray().ShouldBe(expected.Data, 1e-12, "row 0 of the output: x₀·W_V·W_O");
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Without_a_mask_permuting_the_tokens_permutes_the_outputs_the_same_way(int heads)
    {
        // Attention sees a set, not a sequence: without positions in X, it cannot tell the order of the tokens.
        AttentionLayer layer = TestAttention.Layer(width: 6, heads, seed: 1127);
        Matrix x = TestData.RandomMatrix(5, 6, seed: 1128);
        int[] order = [3, 0, 4, 1, 2];

        Matrix ofPermuted = layer.Forward(TestAttention.PermuteRows(x, order), causal: false);

        ofPermuted.ShouldMatch(TestAttention.PermuteRows(layer.Forward(x, causal: false), order), 1e-12, "Forward(X permuted) should be Forward(X) permuted in the same order");
    }

    [Test]
    public void With_the_causal_mask_changing_a_later_token_never_changes_an_earlier_output()
    {
        AttentionLayer layer = TestAttention.Layer(width: 6, heads: 2, seed: 1129);
        Matrix x = TestData.RandomMatrix(6, 6, seed: 1130);
        Matrix before = layer.Forward(x, causal: true);
        before.Data.ShouldAllBe(v => double.IsFinite(v), "the causal layer's output holds NaN or ∞, so no comparison can pass: with the mask, position i still sees positions 0 to i, itself included");

        for (int t = 1; t < 6; t++)
        {
            Matrix changed = x.Clone();
            TestData.RandomVector(6, seed: 1131 + t).CopyTo(changed.Row(t));

            Matrix after = layer.Forward(changed, causal: true);

            for (int earlier = 0; earlier < t; earlier++)
            {
                after.Row(earlier).ToArray().ShouldBe(before.Row(earlier).ToArray(), 1e-12, $"output {earlier} after changing token {t}: position {earlier} must not see the later position {t}");
            }

            Math.Abs(after[t, 0] - before[t, 0]).ShouldBeGreaterThan(1e-9, $"output {t} after changing token {t} itself should change");
        }
    }

    [Test]
    public void Forward_leaves_the_input_and_the_weights_alone()
    {
        AttentionLayer layer = TestAttention.Layer(width: 4, heads: 2, seed: 1137);
        Matrix x = TestData.RandomMatrix(3, 4, seed: 1138);
        Matrix[] before = [x.Clone(), layer.QueryWeights.Clone(), layer.KeyWeights.Clone(), layer.ValueWeights.Clone(), layer.OutputWeights.Clone()];

        layer.Forward(x, causal: true);

        Matrix[] after = [x, layer.QueryWeights, layer.KeyWeights, layer.ValueWeights, layer.OutputWeights];
        string[] names = ["X", "W_Q", "W_K", "W_V", "W_O"];
        for (int i = 0; i < after.Length; i++)
        {
            after[i].ShouldMatch(before[i], 0.0, $"{names[i]} should not change");
        }
    }

    private static Matrix Diagonal(params double[] values)
    {
        var m = new Matrix(values.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            m[i, i] = values[i];
        }

        return m;
    }
}
