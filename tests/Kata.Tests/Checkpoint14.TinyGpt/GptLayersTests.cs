namespace Kata.Tests.Checkpoint14;

using Kata.Tests.Checkpoint11;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The three layers of checkpoint 14 as nodes of your checkpoint-13 graph: their matrices, and their gradients
/// against your checkpoint-2 NumericalGradient of Σ output ⊙ G for a seeded G. The test sets the output's
/// Grad to G and propagates the one node itself, so your Backward is not involved.
/// </summary>
[Checkpoint(14)]
public sealed class GptLayersTests
{
    private const double Tolerance = 1e-12;

    [Grades("GptLayers.Rows")]
    [Test]
    public void Rows_copies_the_rows_of_the_indices_in_their_order()
    {
        var table = new Tensor(Matrix.FromRows([1, 2], [3, 4], [5, 6]));

        Tensor rows = table.Rows([2, 0, 2]);

        rows.Data.ShouldMatch(Matrix.FromRows([5, 6], [1, 2], [5, 6]), Tolerance, "row i of the result is row indices[i] of the table");
    }

    [Grades("GptLayers.Rows")]
    [Test]
    public void Rows_sends_every_row_of_the_gradient_back_and_a_row_used_twice_collects_both()
    {
        // Row 2 is looked up twice (a token that appears twice in a sequence): its gradient is the sum of both rows of G.
        int[] indices = [2, 0, 2, 3];
        ShouldMatchNumericalGradient("Rows", t => t[0].Rows(indices), ["Table"], TestGpt.Leaf(4, 3, seed: 1401).Data);
    }

    [Grades("GptLayers.Rows")]
    [TestCase(-1)]
    [TestCase(4)]
    public void Rows_refuses_an_index_outside_the_table_naming_it(int index)
    {
        Tensor table = TestGpt.Leaf(4, 3, seed: 1402);

        Action rows = () => table.Rows([0, index]);

        rows.ShouldRejectWith(["Rows", $"{index}", "4x3"]);
    }

    [Grades("GptLayers.LayerNorm")]
    [Test]
    public void LayerNorm_of_a_hand_worked_row()
    {
        // x = [1, 2, 3, 6]: μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5, x̂ = (x − 3)/√3.50001 = [−1.0690, −0.5345, 0, 1.6036];
        // then x̂ ⊙ γ + β with γ = [1, 2, 1, 0.5] and β = [0, 0, 1, −1].
        var x = new Tensor(Matrix.FromRows([1, 2, 3, 6]));
        var gain = new Tensor(Matrix.FromRows([1, 2, 1, 0.5]));
        var bias = new Tensor(Matrix.FromRows([0, 0, 1, -1]));

        Tensor y = x.LayerNorm(gain, bias);

        double s = Math.Sqrt(3.5 + TinyGpt.LayerNormEpsilon);
        y.Data.ShouldMatch(Matrix.FromRows([-2 / s, 2 * (-1 / s), 1, (0.5 * 3 / s) - 1]), Tolerance, "x̂ = (x − μ)/√(σ² + ε), times γ, plus β; σ² divides by d = 4, not d − 1");
    }

    [Grades("GptLayers.LayerNorm")]
    [Test]
    public void LayerNorm_gives_every_row_mean_zero_and_variance_one_before_gain_and_bias()
    {
        Matrix x = TestData.RandomMatrix(5, 8, seed: 1403);
        for (int j = 0; j < 8; j++)
        {
            x[2, j] = (100 * x[2, j]) + 40;   // one row far from the others: each row is normalised on its own
        }

        Matrix y = new Tensor(x).LayerNorm(new Tensor(Matrix.FromRows([.. Enumerable.Repeat(1.0, 8)])), new Tensor(new Matrix(1, 8))).Data;

        for (int i = 0; i < 5; i++)
        {
            double[] row = y.Row(i).ToArray();
            row.Average().ShouldBe(0, 1e-9, $"the mean of row {i}");
            row.Select(v => v * v).Average().ShouldBe(1, 1e-3, $"the variance of row {i} (σ²/(σ² + ε), just below 1)");
        }
    }

    [Grades("GptLayers.LayerNorm")]
    [Test]
    public void LayerNorm_gradients_equal_your_numerical_gradient_for_the_input_the_gain_and_the_bias()
    {
        ShouldMatchNumericalGradient(
            "LayerNorm",
            t => t[0].LayerNorm(t[1], t[2]),
            ["X", "Gain", "Bias"],
            TestData.RandomMatrix(3, 5, seed: 1404),
            TestData.RandomMatrix(1, 5, seed: 1405),
            TestData.RandomMatrix(1, 5, seed: 1406));
    }

    [Grades("GptLayers.LayerNorm")]
    [TestCase(1, 4)]
    [TestCase(2, 5)]
    public void LayerNorm_refuses_a_gain_of_the_wrong_shape(int rows, int cols)
    {
        Tensor x = TestGpt.Leaf(3, 5, seed: 1407), gain = TestGpt.Leaf(rows, cols, seed: 1408), bias = TestGpt.Leaf(1, 5, seed: 1409);

        Action norm = () => x.LayerNorm(gain, bias);

        norm.ShouldRejectWith(["LayerNorm", $"{rows}x{cols}"]);
    }

    [Grades("GptLayers.CausalSelfAttention")]
    [Test]
    public void CausalSelfAttention_is_your_checkpoint_11_layer_with_the_mask_on_each_sequence()
    {
        // Three sequences of four rows, one after another: each is the causal layer of checkpoint 11 on its own rows.
        GptBlock block = TestGpt.Block(width: 6, heads: 2, seed: 1410);
        Matrix x = TestData.RandomMatrix(12, 6, seed: 1411);

        Tensor y = new Tensor(x).CausalSelfAttention(block, sequenceLength: 4);

        y.Data.ShouldHaveShape(12, 6);
        for (int b = 0; b < 3; b++)
        {
            TestGpt.RowsOf(y.Data, 4 * b, 4).ShouldMatch(
                block.Attention.Forward(TestGpt.RowsOf(x, 4 * b, 4), causal: true), Tolerance, $"rows {4 * b}–{(4 * b) + 3}: sequence {b} through your checkpoint-11 layer, causal");
        }
    }

    [Grades("GptLayers.CausalSelfAttention")]
    [Test]
    public void CausalSelfAttention_never_looks_ahead_nor_into_another_sequence()
    {
        GptBlock block = TestGpt.Block(width: 4, heads: 2, seed: 1412);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 1413), changed = x.Clone();
        for (int j = 0; j < 4; j++)
        {
            changed[1, j] += 1;   // the last token of sequence 0 (rows 0–1)
            changed[5, j] -= 1;   // the last token of sequence 1 (rows 2–5)
        }

        Matrix before = new Tensor(x).CausalSelfAttention(block, sequenceLength: 3).Data;
        Matrix after = new Tensor(changed).CausalSelfAttention(block, sequenceLength: 3).Data;

        foreach (int row in new[] { 0, 3, 4 })
        {
            after.Row(row).ToArray().ShouldBe(before.Row(row).ToArray(), Tolerance, $"row {row}: only a later row of its own sequence changed");
        }
    }

    [Grades("GptLayers.CausalSelfAttention")]
    [TestCase(1)]
    [TestCase(2)]
    public void CausalSelfAttention_gradients_equal_your_numerical_gradient_for_the_input_and_the_four_weights(int heads)
    {
        GptBlock block = TestGpt.Block(width: 4, heads, seed: 1414);
        Matrix[] inputs = [TestData.RandomMatrix(6, 4, seed: 1415), block.QueryWeights.Data, block.KeyWeights.Data, block.ValueWeights.Data, block.OutputWeights.Data];

        // θ = X, W_Q, W_K, W_V, W_O; the block is rebuilt around the drawn weights for every evaluation.
        Tensor Attention(Tensor[] t) => t[0].CausalSelfAttention(
            new GptBlock(4, heads, block.AttentionNormGain, block.AttentionNormBias, t[1], t[2], t[3], t[4], block.MlpNormGain, block.MlpNormBias, block.MlpHiddenWeights, block.MlpHiddenBias, block.MlpOutputWeights, block.MlpOutputBias),
            sequenceLength: 3);

        ShouldMatchNumericalGradient("CausalSelfAttention", Attention, ["X", "QueryWeights", "KeyWeights", "ValueWeights", "OutputWeights"], inputs);
    }

    [Grades("GptLayers.CausalSelfAttention")]
    [Test]
    public void CausalSelfAttention_refuses_rows_that_are_not_whole_sequences()
    {
        GptBlock block = TestGpt.Block(width: 4, heads: 2, seed: 1416);
        Tensor x = TestGpt.Leaf(7, 4, seed: 1417);

        Action attention = () => x.CausalSelfAttention(block, sequenceLength: 3);

        attention.ShouldRejectWith(["CausalSelfAttention", "7x4", "3"]);
    }

    // Loss Σ op(inputs) ⊙ G: the node's own backward step with Grad = G, against your NumericalGradient over
    // every input entry at once.
    private static void ShouldMatchNumericalGradient(string name, Func<Tensor[], Tensor> op, string[] inputNames, params Matrix[] inputs)
    {
        Tensor[] leaves = [.. inputs.Select(m => new Tensor(m.Clone()))];
        Tensor output = op(leaves);
        Matrix g = TestData.RandomMatrix(output.Rows, output.Cols, seed: 1499);
        output.Grad = g.Clone();
        output.Propagate();

        int[] sizes = [.. inputs.Select(m => m.Data.Length)];
        double Loss(double[] theta)
        {
            var parts = new Tensor[inputs.Length];
            for (int i = 0, at = 0; i < inputs.Length; at += sizes[i], i++)
            {
                parts[i] = new Tensor(new Matrix(inputs[i].Rows, inputs[i].Cols, theta[at..(at + sizes[i])]));
            }

            return TestAttention.SumOfProducts(op(parts).Data, g);
        }

        string[] names = [.. inputs.SelectMany((m, i) => TestAttention.Names(inputNames[i], m.Rows, m.Cols))];
        TestAttention.ShouldMatchNumericalGradient(name, Loss, [.. inputs.SelectMany(m => m.Data)], [.. leaves.SelectMany(t => t.Grad.Data)], names);
    }
}
