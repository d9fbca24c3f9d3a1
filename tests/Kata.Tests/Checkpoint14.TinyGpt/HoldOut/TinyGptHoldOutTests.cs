namespace Kata.Tests.Checkpoint14.HoldOut;

using Kata.Tests.Checkpoint11.HoldOut;
using Kata.Tests.Checkpoint14;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 14. Every one draws its tables, rows, blocks, models and sequences at grade
/// time (<see cref="GradeTime"/>: a seed of the submission's own) and computes what it expects first, with
/// <see cref="GptReference"/>: the definitions written out with plain loops, checkpoint 11's reference
/// attention, and the gradient of the whole model by central differences of the reference loss.
/// </summary>
[Checkpoint(14)]
[HoldOut]
public sealed class TinyGptHoldOutTests
{
    private const double Relative = 1e-10;

    [Grades("GptLayers.Rows")]
    [Test]
    public void Rows_of_a_drawn_table_gathers_the_drawn_rows_and_scatters_their_gradient_back()
    {
        Random random = GradeTime.Random();
        Matrix table = GradeTime.Matrix(random, GradeTime.Between(random, 1, 6), GradeTime.Between(random, 1, 5));
        int[] indices = [.. Enumerable.Range(0, GradeTime.Between(random, 1, 9)).Select(_ => GradeTime.Between(random, 0, table.Rows - 1))];
        Matrix g = GradeTime.Matrix(random, indices.Length, table.Cols);
        Matrix expected = GptReference.Rows(table, indices);
        var dTable = new Matrix(table.Rows, table.Cols);
        for (int i = 0; i < indices.Length; i++)
        {
            for (int j = 0; j < table.Cols; j++)
            {
                dTable[indices[i], j] += g[i, j];
            }
        }

        var leaf = new Tensor(table.Clone());
        Tensor rows = leaf.Rows([.. indices]);
        rows.Grad = g.Clone();
        rows.Propagate();

        string what = $"rows [{string.Join(", ", indices)}] of a {table.Shape} table";
        rows.Data.ShouldMatch(expected, 0.0, what);
        leaf.Grad.ShouldMatch(dTable, AttentionReference.Tolerance(Relative, dTable.Data), $"the table's gradient for {what}: each row of G added to the row it came from");
    }

    [Grades("GptLayers.LayerNorm")]
    [Test]
    public void LayerNorm_of_drawn_rows_gain_and_bias_normalises_each_row_and_follows_the_chain_rule()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 5), d = GradeTime.Between(random, 2, 7);
        Matrix x = GradeTime.Matrix(random, n, d, -3, 3), gain = GradeTime.Matrix(random, 1, d, 0.5, 1.5), bias = GradeTime.Matrix(random, 1, d), g = GradeTime.Matrix(random, n, d);
        Matrix expected = GptReference.LayerNorm(x, gain, bias);
        (Matrix dX, Matrix dGain, Matrix dBias) = GptReference.LayerNormBackward(x, gain, g);

        Tensor[] leaves = [new(x.Clone()), new(gain.Clone()), new(bias.Clone())];
        Tensor y = leaves[0].LayerNorm(leaves[1], leaves[2]);
        y.Grad = g.Clone();
        y.Propagate();

        string what = $"LayerNorm of {x.Shape}";
        y.Data.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"{what}: (x − μ)/√(σ² + ε) ⊙ γ + β in every row");
        leaves[0].Grad.ShouldMatch(dX, AttentionReference.Tolerance(1e-9, dX.Data), $"{what}: dx = (g − mean(g) − x̂·mean(g ⊙ x̂))/√(σ² + ε)");
        leaves[1].Grad.ShouldMatch(dGain, AttentionReference.Tolerance(Relative, dGain.Data), $"{what}: dγ = Σ_rows dY ⊙ x̂");
        leaves[2].Grad.ShouldMatch(dBias, AttentionReference.Tolerance(Relative, dBias.Data), $"{what}: dβ = Σ_rows dY");
    }

    [Grades("GptLayers.CausalSelfAttention")]
    [Test]
    public void CausalSelfAttention_of_drawn_sequences_is_the_masked_layer_per_sequence_forward_and_backward()
    {
        Random random = GradeTime.Random();
        int heads = GradeTime.Between(random, 1, 3), width = heads * GradeTime.Between(random, 1, 3), length = GradeTime.Between(random, 1, 4), sequences = GradeTime.Between(random, 1, 3);
        GptBlock block = DrawBlock(random, width, heads);
        Matrix x = GradeTime.Matrix(random, sequences * length, width), g = GradeTime.Matrix(random, sequences * length, width);
        AttentionReference.Weights w = AttentionReference.Weights.Of(block.Attention);
        Matrix expected = GptReference.Attention(w, x, length);
        (AttentionReference.Weights dW, Matrix dX) = GptReference.AttentionBackward(w, x, length, g);

        var leaf = new Tensor(x.Clone());
        Tensor y = leaf.CausalSelfAttention(block, length);
        y.Grad = g.Clone();
        y.Propagate();

        string what = $"{sequences} sequence(s) of {length} rows, width {width}, {heads} head(s)";
        y.Data.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"{what}: checkpoint 11's layer with the mask on each sequence");
        leaf.Grad.ShouldMatch(dX, AttentionReference.Tolerance(Relative, dX.Data), $"{what}: ∂loss/∂X, sequence by sequence");
        block.QueryWeights.Grad.ShouldMatch(dW.Query, AttentionReference.Tolerance(Relative, dW.Query.Data), $"{what}: ∂loss/∂W_Q summed over the sequences");
        block.KeyWeights.Grad.ShouldMatch(dW.Key, AttentionReference.Tolerance(Relative, dW.Key.Data), $"{what}: ∂loss/∂W_K summed over the sequences");
        block.ValueWeights.Grad.ShouldMatch(dW.Value, AttentionReference.Tolerance(Relative, dW.Value.Data), $"{what}: ∂loss/∂W_V summed over the sequences");
        block.OutputWeights.Grad.ShouldMatch(dW.Output, AttentionReference.Tolerance(Relative, dW.Output.Data), $"{what}: ∂loss/∂W_O summed over the sequences");
    }

    [Grades("GptModel.Forward")]
    [Test]
    public void Forward_of_a_drawn_model_and_batch_gives_the_logits_of_the_definition()
    {
        Random random = GradeTime.Random();
        TinyGpt model = GptReference.DrawModel(random);
        int[][] sequences = GptReference.DrawSequences(random, GradeTime.Between(random, 1, 3), GradeTime.Between(random, 1, model.Settings.ContextLength), model.Settings.Vocabulary);
        Matrix expected = GptReference.Logits(model, sequences);

        Tensor logits = model.Forward(sequences);

        logits.Data.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"the logits of [{string.Join(" | ", sequences.Select(s => string.Join(", ", s)))}] for a model of {model.Settings}");
    }

    [Grades("GptModel.NextTokenLoss")]
    [Test]
    public void NextTokenLoss_of_a_drawn_batch_is_the_mean_over_the_positions_with_a_target()
    {
        Random random = GradeTime.Random();
        TinyGpt model = GptReference.DrawModel(random);
        int[][] inputs = GptReference.DrawSequences(random, GradeTime.Between(random, 1, 3), GradeTime.Between(random, 1, model.Settings.ContextLength), model.Settings.Vocabulary);
        int[][] targets = GptReference.DrawTargets(random, inputs, model.Settings.Vocabulary);
        double expected = GptReference.Loss(model, inputs, targets);

        Tensor loss = model.NextTokenLoss(inputs, targets);

        loss.Data.ShouldHaveShape(1, 1);
        loss.Data[0, 0].ShouldBe(expected, AttentionReference.Tolerance(Relative, [expected]), $"targets [{string.Join(" | ", targets.Select(s => string.Join(", ", s)))}]: −1 leaves a position out");
    }

    [Grades("GptModel.TrainStep")]
    [Test]
    public void TrainStep_with_a_drawn_learning_rate_moves_every_parameter_against_the_gradient_of_the_loss()
    {
        Random random = GradeTime.Random();
        TinyGpt model = GptReference.DrawModel(random);
        int[][] inputs = GptReference.DrawSequences(random, GradeTime.Between(random, 1, 2), GradeTime.Between(random, 1, model.Settings.ContextLength), model.Settings.Vocabulary);
        int[][] targets = GptReference.DrawTargets(random, inputs, model.Settings.Vocabulary);
        double learningRate = GradeTime.Number(random, 0.1, 1);
        TinyGpt before = model.Clone();

        // The learner's step first: a method not written yet fails before the gradient by central
        // differences (the slow part) is worked out for nothing. It gets copies of the sequences.
        double loss = model.TrainStep([.. inputs.Select(s => (int[])s.Clone())], [.. targets.Select(s => (int[])s.Clone())], new Sgd(learningRate));
        double expectedLoss = GptReference.Loss(before, inputs, targets);
        double[] theta = TestGpt.Theta(before), gradient = GptReference.Gradient(before, inputs, targets);
        double[] expected = [.. theta.Zip(gradient, (p, d) => p - (learningRate * d))];

        loss.ShouldBe(expectedLoss, AttentionReference.Tolerance(Relative, [expectedLoss]), "the loss before the step");
        double[] after = TestGpt.Theta(model);
        string[] names = TestGpt.EntryNames(model);
        int worst = Enumerable.Range(0, after.Length).MaxBy(i => Math.Abs(after[i] - expected[i]));
        Math.Abs(after[worst] - expected[worst]).ShouldBeLessThan(
            1e-6,
            $"{names[worst]} after one Sgd({learningRate:G4}) step should be θ − η·∂loss/∂θ = {expected[worst]:G8} (the gradient by central differences of the definition), but is {after[worst]:G8}");
    }

    [Grades("GptModel.Train")]
    [Test]
    public void Train_on_drawn_sequences_takes_the_steps_of_TrainStep_in_order_with_one_optimizer()
    {
        Random random = GradeTime.Random();
        TinyGpt model = GptReference.DrawModel(random), byHand = model.Clone();
        int count = GradeTime.Between(random, 3, 7), length = GradeTime.Between(random, 1, model.Settings.ContextLength);
        int[][] inputs = GptReference.DrawSequences(random, count, length, model.Settings.Vocabulary);
        int[][] targets = GptReference.DrawTargets(random, inputs, model.Settings.Vocabulary);
        for (int i = 0; i < count; i++)
        {
            targets[i][^1] = GradeTime.Between(random, 0, model.Settings.Vocabulary - 1);   // every batch has a target
        }

        int batchSize = GradeTime.Between(random, 1, 3), batches = (count + batchSize - 1) / batchSize;
        double learningRate = GradeTime.Number(random, 0.01, 0.2);
        var optimizer = new Momentum(learningRate);
        var expectedLosses = new List<double>();
        var expectedReports = new List<(int, int, int, int, int)>();
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize, end = Math.Min(start + batchSize, count);
                expectedLosses.Add(byHand.TrainStep(inputs[start..end], targets[start..end], optimizer));
                expectedReports.Add((epoch, 2, b + 1, batches, end - start));
            }
        }

        var reports = new List<TrainingProgress>();
        List<double> losses = model.Train(inputs, targets, new Momentum(learningRate), epochs: 2, batchSize, reports.Add);

        string run = $"2 epochs of {count} sequences in batches of {batchSize}, one momentum optimizer for the whole run";
        losses.ShouldBe(expectedLosses, AttentionReference.Tolerance(1e-9, expectedLosses), $"the loss of every batch before its step, in order ({run})");
        reports.Select(p => (p.Epoch, p.Epochs, p.Batch, p.Batches, p.Samples)).ShouldBe(expectedReports, $"one progress report after every batch ({run})");
        TestGpt.Theta(model).ShouldBe(TestGpt.Theta(byHand), 1e-9, $"the parameters after {run}");
    }

    [Grades("GptModel.Generate")]
    [TestCase(0.0)]
    [TestCase(0.8)]
    [TestCase(2.5)]
    public void Generate_from_a_drawn_model_and_prompt_writes_the_tokens_of_the_definition(double temperature)
    {
        Random random = GradeTime.Random();
        TinyGpt model = GptReference.DrawModel(random);
        int[] prompt = GptReference.DrawSequences(random, 1, GradeTime.Between(random, 1, model.Settings.ContextLength + 2), model.Settings.Vocabulary)[0];
        int count = GradeTime.Between(random, 1, 6), seed = GradeTime.Between(random, 0, 1_000_000);
        int[] expected = GptReference.Generate(model, prompt, count, temperature, new Random(seed));

        int[] written = model.Generate([.. prompt], count, temperature, new Random(seed));

        written.ShouldBe(expected, $"{count} tokens after [{string.Join(", ", prompt)}] at temperature {temperature} (context {model.Settings.ContextLength}, new Random({seed}))");
    }

    // A block of drawn weights in [−0.6, 0.6] (the layer norms do not take part in the attention).
    private static GptBlock DrawBlock(Random random, int width, int heads)
    {
        Tensor Draw(int rows, int cols) => new(GradeTime.Matrix(random, rows, cols, -0.6, 0.6));
        return new GptBlock(
            width, heads, Draw(1, width), Draw(1, width), Draw(width, width), Draw(width, width), Draw(width, width), Draw(width, width),
            Draw(1, width), Draw(1, width), Draw(width, 4 * width), Draw(1, 4 * width), Draw(4 * width, width), Draw(1, width));
    }
}
