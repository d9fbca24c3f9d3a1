using System.Globalization;

namespace Kata.Tests.Checkpoint11.HoldOut;

using Kata.Tests.Checkpoint11;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 11. Most draw their matrices, layers, models and training runs at grade
/// time (<see cref="GradeTime"/>: a seed of the submission's own) and compare the learner's methods with
/// <see cref="AttentionReference"/>, the definitions written out with plain loops, computed before the
/// learner's method is called. Beside them stay fixed cases: an example with three positions and d = 4
/// computed by numpy, an odd width and a far position for the encoding, four heads and a single token for
/// the gradient check, and another task — with the causal mask — trained end to end.
/// </summary>
[Checkpoint(11)]
[HoldOut]
public sealed class AttentionHoldOutTests
{
    private const double Relative = 1e-10;

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
        Random random = GradeTime.Random();
        AttentionLayer layer = DrawLayer(random, heads: 4, headWidth: 2);
        Matrix x = GradeTime.Matrix(random, 6, 8);
        int[] order = [.. Enumerable.Range(0, 6)];
        random.Shuffle(order);
        Matrix expected = TestAttention.PermuteRows(AttentionReference.SelfAttention(AttentionReference.Weights.Of(layer), x, causal: false), order);

        Matrix ofPermuted = layer.Forward(TestAttention.PermuteRows(x, order), causal: false);

        ofPermuted.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"the tokens in the order [{string.Join(", ", order)}] give the outputs in that order");
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

    [Grades("Attention.Scores")]
    [Test]
    public void Scores_of_drawn_queries_and_keys_are_their_dot_products_over_root_d()
    {
        Random random = GradeTime.Random();
        int d = GradeTime.Between(random, 1, 9);
        Matrix q = GradeTime.Matrix(random, GradeTime.Between(random, 1, 7), d), k = GradeTime.Matrix(random, GradeTime.Between(random, 1, 7), d);
        Matrix expected = AttentionReference.Scores(q, k);

        Attention.Scores(q, k).ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"S[i, j] = (query i · key j) / √{d} for {q.Shape} queries and {k.Shape} keys");
    }

    [Grades("Attention.Softmax")]
    [TestCase(false)]
    [TestCase(true)]
    public void Softmax_of_drawn_scores_weighs_every_allowed_position_by_the_definition(bool causal)
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 7);
        Matrix scores = GradeTime.Matrix(random, n, causal ? n : GradeTime.Between(random, 1, 7), -4, 4);
        Matrix expected = AttentionReference.Softmax(scores, causal);

        Matrix weights = Attention.Softmax(scores.Clone(), causal);

        weights.ShouldMatch(expected, 1e-12, causal ? "e^S[i, j] / Σ_{k ≤ i} e^S[i, k] for j ≤ i, exactly 0 above the diagonal" : "e^S[i, j] / Σ_k e^S[i, k] in every row");
        ShouldBeZeroAboveTheDiagonal(weights, causal);
    }

    [Grades("Attention.Softmax")]
    [TestCase(false)]
    [TestCase(true)]
    public void Softmax_of_drawn_scores_hundreds_away_from_zero_stays_finite_and_matches_the_definition(bool causal)
    {
        // Each row is moved by its own drawn offset of 300 to 700, up or down: e^700 alone is 10^304.
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 2, 6);
        Matrix scores = GradeTime.Matrix(random, n, causal ? n : GradeTime.Between(random, 2, 6), -4, 4);
        for (int i = 0; i < n; i++)
        {
            double offset = GradeTime.Number(random, 300, 700) * (GradeTime.Between(random, 0, 1) == 0 ? -1 : 1);
            for (int j = 0; j < scores.Cols; j++)
            {
                scores[i, j] += offset;
            }
        }

        Matrix expected = AttentionReference.Softmax(scores, causal);

        Matrix weights = Attention.Softmax(scores.Clone(), causal);

        weights.ShouldMatch(expected, 1e-9, "softmax(S) = softmax(S − the row's largest score): subtract it before e^");
        ShouldBeZeroAboveTheDiagonal(weights, causal);
    }

    [Grades("Attention.Attend")]
    [TestCase(false)]
    [TestCase(true)]
    public void Attend_of_drawn_queries_keys_and_values_averages_the_values_by_the_softmax_weights(bool causal)
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 7), m = causal ? n : GradeTime.Between(random, 1, 7), d = GradeTime.Between(random, 1, 6);
        Matrix q = GradeTime.Matrix(random, n, d), k = GradeTime.Matrix(random, m, d), v = GradeTime.Matrix(random, m, GradeTime.Between(random, 1, 5));
        Matrix expected = AttentionReference.Attend(q, k, v, causal);

        Matrix output = Attention.Attend(q, k, v, causal);

        output.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"softmax(Q·Kᵀ/√d{(causal ? ", masked" : string.Empty)})·V for Q {q.Shape}, K {k.Shape}, V {v.Shape}");
    }

    [Grades("Attention.SoftmaxBackward")]
    [TestCase(false)]
    [TestCase(true)]
    public void SoftmaxBackward_of_drawn_weights_and_gradients_is_the_gradient_times_the_softmax_Jacobian(bool causal)
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 7);
        Matrix weights = AttentionReference.Softmax(GradeTime.Matrix(random, n, causal ? n : GradeTime.Between(random, 1, 7), -3, 3), causal);
        Matrix gradient = GradeTime.Matrix(random, weights.Rows, weights.Cols);
        Matrix expected = AttentionReference.SoftmaxBackward(weights, gradient);

        Matrix scoresGradient = Attention.SoftmaxBackward(weights.Clone(), gradient.Clone());

        scoresGradient.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), "∂loss/∂S[i, k] = Σ_j G[i, j]·P[i, j]·(δ_jk − P[i, k])" + (causal ? "; a masked weight (0) gives its score gradient 0" : string.Empty));
    }

    [Grades("Attention.Backward")]
    [TestCase(false)]
    [TestCase(true)]
    public void Attention_Backward_of_drawn_queries_keys_values_and_output_gradient_follows_the_chain_rule(bool causal)
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 6), m = causal ? n : GradeTime.Between(random, 1, 6), d = GradeTime.Between(random, 1, 5);
        Matrix q = GradeTime.Matrix(random, n, d), k = GradeTime.Matrix(random, m, d), v = GradeTime.Matrix(random, m, GradeTime.Between(random, 1, 4));
        Matrix g = GradeTime.Matrix(random, n, v.Cols);
        (Matrix dQ, Matrix dK, Matrix dV) = AttentionReference.Backward(q, k, v, causal, g);

        (Matrix queries, Matrix keys, Matrix values) = Attention.Backward(q, k, v, causal, g);

        string shapes = $"Q {q.Shape}, K {k.Shape}, V {v.Shape}{(causal ? ", causal" : string.Empty)}";
        queries.ShouldMatch(dQ, AttentionReference.Tolerance(Relative, dQ.Data), $"∂loss/∂Q = dS·K/√d ({shapes})");
        keys.ShouldMatch(dK, AttentionReference.Tolerance(Relative, dK.Data), $"∂loss/∂K = dSᵀ·Q/√d ({shapes})");
        values.ShouldMatch(dV, AttentionReference.Tolerance(Relative, dV.Data), $"∂loss/∂V = Pᵀ·dO ({shapes})");
    }

    [Grades("Positions.Sinusoidal")]
    [Test]
    public void Sinusoidal_of_a_drawn_length_and_width_is_sine_and_cosine_at_each_pairs_frequency()
    {
        Random random = GradeTime.Random();
        int length = GradeTime.Between(random, 1, 150), width = GradeTime.Between(random, 1, 24);
        Matrix expected = AttentionReference.Sinusoidal(length, width);

        Matrix pe = Positions.Sinusoidal(length, width);

        pe.ShouldMatch(expected, 1e-10, $"{length} positions x {width} columns: PE[t, 2i] = sin(t·ω_i), PE[t, 2i + 1] = cos(t·ω_i), ω_i = 1/10000^(2i/{width})");
    }

    [Grades("SelfAttention.Forward")]
    [TestCase(false)]
    [TestCase(true)]
    public void SelfAttention_Forward_of_a_drawn_layer_and_sequence_equals_the_heads_written_out(bool causal)
    {
        Random random = GradeTime.Random();
        AttentionLayer layer = DrawLayer(random, GradeTime.Between(random, 1, 3), GradeTime.Between(random, 1, 4));
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 7), layer.ModelWidth);
        Matrix expected = AttentionReference.SelfAttention(AttentionReference.Weights.Of(layer), x, causal);

        Matrix output = layer.Forward(x, causal);

        output.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"{layer.Heads} heads of width {layer.HeadWidth} over {x.Rows} tokens: each head on its columns, side by side, times W_O");
    }

    [Grades("SelfAttention.Backward")]
    [TestCase(false)]
    [TestCase(true)]
    public void SelfAttention_Backward_of_a_drawn_layer_gives_every_weight_and_input_gradient_of_the_chain_rule(bool causal)
    {
        Random random = GradeTime.Random();
        AttentionLayer layer = DrawLayer(random, GradeTime.Between(random, 1, 3), GradeTime.Between(random, 1, 3));
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 6), layer.ModelWidth);
        Matrix g = GradeTime.Matrix(random, x.Rows, layer.ModelWidth);
        (AttentionReference.Weights dW, Matrix dX) = AttentionReference.SelfAttentionBackward(AttentionReference.Weights.Of(layer), x, causal, g);

        AttentionGradients gradients = layer.Backward(x, causal, g);

        gradients.ShouldNotBeNull();
        string what = $"{layer.Heads} heads of width {layer.HeadWidth}, {x.Rows} tokens";
        gradients.Query.ShouldMatch(dW.Query, AttentionReference.Tolerance(Relative, dW.Query.Data), $"∂loss/∂W_Q = Xᵀ·dQ ({what})");
        gradients.Key.ShouldMatch(dW.Key, AttentionReference.Tolerance(Relative, dW.Key.Data), $"∂loss/∂W_K = Xᵀ·dK ({what})");
        gradients.Value.ShouldMatch(dW.Value, AttentionReference.Tolerance(Relative, dW.Value.Data), $"∂loss/∂W_V = Xᵀ·dV ({what})");
        gradients.Output.ShouldMatch(dW.Output, AttentionReference.Tolerance(Relative, dW.Output.Data), $"∂loss/∂W_O = concat(heads)ᵀ·dY ({what})");
        gradients.Input.ShouldMatch(dX, AttentionReference.Tolerance(Relative, dX.Data), $"∂loss/∂X = dQ·W_Qᵀ + dK·W_Kᵀ + dV·W_Vᵀ ({what})");
    }

    [Grades("SequenceTraining.Forward")]
    [TestCase(false)]
    [TestCase(true)]
    public void SequenceModel_Forward_of_drawn_tokens_reads_out_attention_over_embeddings_plus_positions(bool causal)
    {
        Random random = GradeTime.Random();
        SequenceModel model = DrawModel(random, causal);
        int[] tokens = DrawTokens(random, model.Vocabulary, GradeTime.Between(random, 1, 8));
        Matrix expected = new AttentionReference.Model(model).Forward(tokens);

        Matrix logits = model.Forward(tokens);

        logits.ShouldMatch(expected, AttentionReference.Tolerance(Relative, expected.Data), $"the scores of [{string.Join(", ", tokens)}]: (E[tokens] + PE) through the attention layer, times W_r, plus b_r");
    }

    [Grades("SequenceTraining.TrainStep")]
    [TestCase(false)]
    [TestCase(true)]
    public void TrainStep_on_a_drawn_batch_moves_every_parameter_by_the_mean_gradient_of_the_batch(bool causal)
    {
        Random random = GradeTime.Random();
        SequenceModel model = DrawModel(random, causal);
        (int[][] inputs, int[][] targets) = DrawSequences(random, model.Vocabulary, GradeTime.Between(random, 2, 4));
        double learningRate = GradeTime.Number(random, 0.1, 1);
        var reference = new AttentionReference.Model(model);
        double expectedLoss = reference.Step(inputs, targets, learningRate);

        double loss = model.TrainStep(inputs, targets, new Sgd(learningRate));

        string batch = $"a batch of {inputs.Length} sequences of lengths {string.Join(", ", inputs.Select(x => x.Length))}";
        loss.ShouldBe(expectedLoss, AttentionReference.Tolerance(Relative, [expectedLoss]), $"the mean over {batch} of each sequence's cross-entropy, before the step");
        reference.ShouldMatchTheParametersOf(model, Relative, $"after one Sgd step on {batch}: θ − learningRate · the batch's mean gradient");
    }

    [Grades("SequenceTraining.Train")]
    [Test]
    public void Train_on_drawn_sequences_steps_one_optimizer_through_the_batches_in_order()
    {
        Random random = GradeTime.Random();
        SequenceModel model = DrawModel(random, causal: GradeTime.Between(random, 0, 1) == 1);
        (int[][] inputs, int[][] targets) = DrawSequences(random, model.Vocabulary, GradeTime.Between(random, 4, 8));
        int batchSize = GradeTime.Between(random, 2, 3), epochs = 2, batches = (inputs.Length + batchSize - 1) / batchSize;
        double learningRate = GradeTime.Number(random, 0.05, 0.3), beta = GradeTime.Number(random, 0.5, 0.9);

        // The same run by hand, with momentum: the velocity of every parameter carries over from batch to batch.
        var reference = new AttentionReference.Model(model);
        var expectedLosses = new List<double>();
        var expectedReports = new List<(int, int, int, int, int)>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            for (int b = 0; b < batches; b++)
            {
                int start = b * batchSize, end = Math.Min(start + batchSize, inputs.Length);
                expectedLosses.Add(reference.Step(inputs[start..end], targets[start..end], learningRate, beta));
                expectedReports.Add((epoch, epochs, b + 1, batches, end - start));
            }
        }

        var reports = new List<TrainingProgress>();
        List<double> losses = model.Train(inputs, targets, new MomentumOfTheTest(learningRate, beta), epochs, batchSize, reports.Add);

        string run = $"{epochs} epochs of {inputs.Length} sequences in batches of {batchSize}, one momentum optimizer for the whole run";
        losses.ShouldBe(expectedLosses, AttentionReference.Tolerance(1e-9, expectedLosses), $"the loss of every batch before its step, in order ({run})");
        reports.Select(p => (p.Epoch, p.Epochs, p.Batch, p.Batches, p.Samples)).ShouldBe(expectedReports, $"one progress report after every batch, Samples = sequences in the batch ({run})");
        reference.ShouldMatchTheParametersOf(model, 1e-9, $"after {run}");
    }

    // A layer of drawn weights in [−0.6, 0.6]: heads x headWidth wide.
    private static AttentionLayer DrawLayer(Random random, int heads, int headWidth)
    {
        int width = heads * headWidth;
        return new AttentionLayer(
            GradeTime.Matrix(random, width, width, -0.6, 0.6),
            GradeTime.Matrix(random, width, width, -0.6, 0.6),
            GradeTime.Matrix(random, width, width, -0.6, 0.6),
            GradeTime.Matrix(random, width, width, -0.6, 0.6),
            heads);
    }

    // A model of drawn size and numbers: 3 to 7 tokens, 1 or 2 heads of width 2 or 3.
    private static SequenceModel DrawModel(Random random, bool causal)
    {
        int vocabulary = GradeTime.Between(random, 3, 7);
        AttentionLayer layer = DrawLayer(random, GradeTime.Between(random, 1, 2), GradeTime.Between(random, 2, 3));
        return new SequenceModel(
            GradeTime.Matrix(random, vocabulary, layer.ModelWidth, -1, 1),
            layer,
            GradeTime.Matrix(random, layer.ModelWidth, vocabulary, -0.6, 0.6),
            GradeTime.Vector(random, vocabulary, -0.2, 0.2),
            causal);
    }

    private static int[] DrawTokens(Random random, int vocabulary, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => GradeTime.Between(random, 0, vocabulary - 1))];

    // count input sequences of 1 to 6 drawn tokens, each with a drawn target sequence of the same length.
    private static (int[][] Inputs, int[][] Targets) DrawSequences(Random random, int vocabulary, int count)
    {
        var inputs = new int[count][];
        var targets = new int[count][];
        for (int i = 0; i < count; i++)
        {
            int length = GradeTime.Between(random, 1, 6);
            inputs[i] = DrawTokens(random, vocabulary, length);
            targets[i] = DrawTokens(random, vocabulary, length);
        }

        return (inputs, targets);
    }

    private static void ShouldBeZeroAboveTheDiagonal(Matrix weights, bool causal)
    {
        for (int i = 0; causal && i < weights.Rows; i++)
        {
            for (int j = i + 1; j < weights.Cols; j++)
            {
                weights[i, j].ShouldBe(0.0, $"weight [{i}, {j}]: row {i} may not look at the later position {j}");
            }
        }
    }

    /// <summary>Momentum written in the test (v ← β·v + g, θ ← θ − η·v), one velocity per parameter array.</summary>
    private sealed class MomentumOfTheTest(double learningRate, double beta) : Optimizer(learningRate)
    {
        private readonly Dictionary<double[], double[]> velocities = new(ReferenceEqualityComparer.Instance);

        public override void Step(double[] parameter, double[] gradient)
        {
            if (!velocities.TryGetValue(parameter, out double[]? v))
            {
                v = new double[parameter.Length];
                velocities.Add(parameter, v);
            }

            for (int i = 0; i < parameter.Length; i++)
            {
                v[i] = (beta * v[i]) + gradient[i];
                parameter[i] -= LearningRate * v[i];
            }
        }
    }

    private static SequenceData Previous(SequenceData data) =>
        new(data.Inputs, [.. data.Inputs.Select(x => x.Select((_, t) => x[Math.Max(t - 1, 0)]).ToArray())]);
}
