namespace Kata.Tests.Checkpoint11;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The backward passes of checkpoint 11 against your checkpoint-2 NumericalGradient: the softmax of a row,
/// scaled dot-product attention, and the whole self-attention layer, with and without the causal mask.
/// Each loss is Σ output ⊙ G for a fixed seeded G, so that ∂loss/∂output = G.
/// </summary>
[Checkpoint(11)]
public sealed class AttentionBackwardTests
{
    [Grades("Attention.SoftmaxBackward")]
    [Test]
    public void SoftmaxBackward_of_rows_worked_out_by_hand()
    {
        // ∂loss/∂s_j = p_j·(g_j − Σ_k p_k·g_k):
        //   p = [½, ½], g = [1, 0]: Σ p·g = ½ → [½·(1 − ½), ½·(0 − ½)] = [¼, −¼]
        //   p = [1, 0], g = [3, 7]: Σ p·g = 3 → [1·(3 − 3), 0·(7 − 3)] = [0, 0] — a masked weight passes nothing back
        Matrix gradient = Attention.SoftmaxBackward(Matrix.FromRows([0.5, 0.5], [1, 0]), Matrix.FromRows([1, 0], [3, 7]));

        gradient.ShouldMatch(Matrix.FromRows([0.25, -0.25], [0, 0]), 1e-12, "p ⊙ (g − Σ p·g) in every row (p ⊙ (1 − p) ⊙ g forgets how the weights of a row pull on each other)");
    }

    [Grades("Attention.SoftmaxBackward")]
    [Test]
    public void SoftmaxBackward_equals_your_numerical_gradient()
    {
        Matrix scores = TestData.RandomMatrix(4, 5, seed: 1141), g = TestData.RandomMatrix(4, 5, seed: 1142);

        Matrix analytic = Attention.SoftmaxBackward(RowSoftmax(scores), g);

        analytic.ShouldHaveShape(4, 5);
        TestAttention.ShouldMatchNumericalGradient(
            "SoftmaxBackward", s => TestAttention.SumOfProducts(RowSoftmax(new Matrix(4, 5, s)), g), scores.Data, analytic.Data, [.. TestAttention.Names("Scores", 4, 5)]);
    }

    [Grades("Attention.Backward")]
    [TestCase(4, 4, false)]
    [TestCase(4, 4, true)]
    [TestCase(3, 5, false)]
    public void Attention_Backward_equals_your_numerical_gradient_for_Q_K_and_V(int queries, int keys, bool causal)
    {
        // d = 3 for Q and K, d_v = 2 for V: a missing transpose cannot hide behind square shapes.
        Matrix q = TestData.RandomMatrix(queries, 3, seed: 1143), k = TestData.RandomMatrix(keys, 3, seed: 1144), v = TestData.RandomMatrix(keys, 2, seed: 1145);
        Matrix g = TestData.RandomMatrix(queries, 2, seed: 1146);

        (Matrix dQ, Matrix dK, Matrix dV) = Attention.Backward(q, k, v, causal, g);

        dQ.ShouldHaveShape(queries, 3);
        dK.ShouldHaveShape(keys, 3);
        dV.ShouldHaveShape(keys, 2);
        int nq = q.Data.Length, nk = k.Data.Length;
        double Loss(double[] theta) => TestAttention.SumOfProducts(
            Attention.Attend(new Matrix(queries, 3, theta[..nq]), new Matrix(keys, 3, theta[nq..(nq + nk)]), new Matrix(keys, 2, theta[(nq + nk)..]), causal), g);
        TestAttention.ShouldMatchNumericalGradient(
            "Attention.Backward", Loss, [.. q.Data, .. k.Data, .. v.Data], [.. dQ.Data, .. dK.Data, .. dV.Data],
            [.. TestAttention.Names("Q", queries, 3), .. TestAttention.Names("K", keys, 3), .. TestAttention.Names("V", keys, 2)]);
    }

    [Grades("SelfAttention.Backward")]
    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(2, true)]
    [TestCase(3, true)]
    public void SelfAttention_Backward_equals_your_numerical_gradient_for_every_weight_and_the_input(int heads, bool causal)
    {
        AttentionLayer layer = TestAttention.Layer(width: 6, heads, seed: 1147);
        Matrix x = TestData.RandomMatrix(5, 6, seed: 1148), g = TestData.RandomMatrix(5, 6, seed: 1149);

        AttentionGradients gradients = layer.Backward(x, causal, g);

        Matrix[] all = [gradients.Query, gradients.Key, gradients.Value, gradients.Output, gradients.Input];
        foreach ((Matrix m, int rows, string name) in all.Zip([6, 6, 6, 6, 5], ["Query", "Key", "Value", "Output", "Input"]))
        {
            m.ShouldHaveShape(rows, 6, name);
        }

        // θ = W_Q, W_K, W_V, W_O and X in one vector; the loss Σ Forward(X) ⊙ G as a function of θ.
        double Loss(double[] theta)
        {
            Matrix Part(int index, int rows) => new(rows, 6, theta[(36 * index)..((36 * index) + (rows * 6))]);
            var l = new AttentionLayer(Part(0, 6), Part(1, 6), Part(2, 6), Part(3, 6), heads);
            return TestAttention.SumOfProducts(l.Forward(Part(4, 5), causal), g);
        }

        double[] theta = [.. layer.QueryWeights.Data, .. layer.KeyWeights.Data, .. layer.ValueWeights.Data, .. layer.OutputWeights.Data, .. x.Data];
        TestAttention.ShouldMatchNumericalGradient(
            "SelfAttention.Backward", Loss, theta, [.. all.SelectMany(m => m.Data)],
            [.. TestAttention.Names("Query", 6, 6), .. TestAttention.Names("Key", 6, 6), .. TestAttention.Names("Value", 6, 6), .. TestAttention.Names("Output", 6, 6), .. TestAttention.Names("Input", 5, 6)]);
    }

    [Grades("SelfAttention.Backward")]
    [Test]
    public void SelfAttention_Backward_leaves_the_input_and_the_weights_alone()
    {
        AttentionLayer layer = TestAttention.Layer(width: 4, heads: 2, seed: 1150);
        Matrix x = TestData.RandomMatrix(3, 4, seed: 1151), g = TestData.RandomMatrix(3, 4, seed: 1152);
        Matrix[] before = [x.Clone(), g.Clone(), layer.QueryWeights.Clone(), layer.KeyWeights.Clone(), layer.ValueWeights.Clone(), layer.OutputWeights.Clone()];

        layer.Backward(x, causal: true, g);

        Matrix[] after = [x, g, layer.QueryWeights, layer.KeyWeights, layer.ValueWeights, layer.OutputWeights];
        string[] names = ["X", "the output gradient", "W_Q", "W_K", "W_V", "W_O"];
        for (int i = 0; i < after.Length; i++)
        {
            after[i].ShouldMatch(before[i], 0.0, $"{names[i]} should not change");
        }
    }

    // The softmax of each row, written here so that this test needs no learner code but the method it grades.
    private static Matrix RowSoftmax(Matrix s)
    {
        var p = new Matrix(s.Rows, s.Cols);
        for (int i = 0; i < s.Rows; i++)
        {
            double max = s.Row(i).ToArray().Max(), sum = s.Row(i).ToArray().Sum(z => Math.Exp(z - max));
            for (int j = 0; j < s.Cols; j++)
            {
                p[i, j] = Math.Exp(s[i, j] - max) / sum;
            }
        }

        return p;
    }
}
