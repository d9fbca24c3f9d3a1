namespace Kata.Tests.Checkpoint14;

using Kata.Tests.Checkpoint11;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The tiny GPT end to end: its forward pass built from your layers, the loss of the next token, a training
/// step whose gradient is your checkpoint-2 numerical gradient, training, and writing with a temperature.
/// </summary>
[Checkpoint(14)]
public sealed class GptModelTests
{
    private const double Tolerance = 1e-12;

    [Grades("GptModel.Forward")]
    [Test]
    public void Forward_gives_a_row_of_scores_for_every_position_of_every_sequence()
    {
        TinyGpt model = TestGpt.Model(seed: 1420, vocabulary: 7, context: 5, layers: 2);

        Tensor logits = model.Forward(TestGpt.Sequences(3, 4, 7, seed: 1421));

        logits.Data.ShouldHaveShape(3 * 4, 7);
    }

    [Grades("GptModel.Forward")]
    [TestCase(1)]
    [TestCase(2)]
    public void Forward_is_your_layers_in_the_order_of_the_block_diagram(int layers)
    {
        TinyGpt model = TestGpt.Model(seed: 1422, layers: layers);
        int[][] sequences = TestGpt.Sequences(2, 3, 5, seed: 1423);

        Matrix logits = model.Forward(sequences).Data;

        // X = E[tokens] + P[positions]; per block X += attention(LN₁(X)), X += MLP(LN₂(X)); LN_f(X)·W_r + b_r.
        Tensor x = model.TokenEmbedding.Rows([.. sequences.SelectMany(s => s)]).Add(model.PositionEmbedding.Rows([0, 1, 2, 0, 1, 2]));
        foreach (GptBlock block in model.Blocks)
        {
            x = x.Add(x.LayerNorm(block.AttentionNormGain, block.AttentionNormBias).CausalSelfAttention(block, 3));
            x = x.Add(x.LayerNorm(block.MlpNormGain, block.MlpNormBias).MatMul(block.MlpHiddenWeights).AddRowVector(block.MlpHiddenBias)
                .Activate(Activation.ReLU).MatMul(block.MlpOutputWeights).AddRowVector(block.MlpOutputBias));
        }

        Matrix expected = x.LayerNorm(model.FinalNormGain, model.FinalNormBias).MatMul(model.Readout).AddRowVector(model.ReadoutBias).Data;
        logits.ShouldMatch(expected, 1e-10, "pre-norm blocks: each sublayer reads LayerNorm(X) and adds what it finds to X");
    }

    [Grades("GptModel.Forward")]
    [Test]
    public void Forward_never_looks_ahead_nor_into_another_sequence()
    {
        TinyGpt model = TestGpt.Model(seed: 1424, vocabulary: 6, context: 5, layers: 2);

        Matrix first = model.Forward([[1, 4, 0, 5, 2], [3, 3, 1, 0, 4]]).Data;
        Matrix second = model.Forward([[1, 4, 0, 2, 2], [3, 3, 1, 0, 5]]).Data;

        for (int t = 0; t < 3; t++)
        {
            second.Row(t).ToArray().ShouldBe(first.Row(t).ToArray(), Tolerance, $"sequence 0, position {t}: only positions 3 and 4 of it changed");
        }

        for (int t = 5; t < 9; t++)
        {
            second.Row(t).ToArray().ShouldBe(first.Row(t).ToArray(), Tolerance, $"sequence 1, position {t - 5}: only its last token changed");
        }
    }

    [Grades("GptModel.Forward")]
    [Test]
    public void Forward_refuses_what_the_model_cannot_read()
    {
        TinyGpt model = TestGpt.Model(seed: 1425, vocabulary: 5, context: 4);

        Action ragged = () => model.Forward([[1, 2, 3], [1, 2]]);
        Action tooLong = () => model.Forward([[1, 2, 3, 4, 0]]);
        Action unknown = () => model.Forward([[1, 5, 2]]);

        ragged.ShouldRejectWith(["Forward"], "sequences of different lengths in one batch");
        tooLong.ShouldRejectWith(["Forward"], "a sequence longer than the context length 4");
        unknown.ShouldRejectWith(["Forward"], "token 5 of a vocabulary of 5 (0 to 4)");
    }

    [Grades("GptModel.NextTokenLoss")]
    [Test]
    public void NextTokenLoss_is_the_mean_cross_entropy_over_the_positions_that_have_a_target()
    {
        TinyGpt model = TestGpt.Model(seed: 1426, vocabulary: 5, context: 4);
        int[][] inputs = [[1, 2, 3, 4], [0, 0, 1, 2]];
        int[][] targets = [[-1, -1, 4, 0], [0, 1, -1, 3]];

        Tensor loss = TestGpt.LossWithNoTargets(model, inputs, targets);

        // The five positions with a target, each counting once: rows 2, 3 (sequence 0) and 4, 5, 7 (sequence 1) of Forward's logits.
        Matrix logits = model.Forward(inputs).Data;
        var picked = new Matrix(5, 5);
        int[] rows = [2, 3, 4, 5, 7];
        for (int i = 0; i < rows.Length; i++)
        {
            logits.Row(rows[i]).CopyTo(picked.Row(i));
        }

        loss.Data.ShouldMatch(Matrix.FromRows([Loss.CrossEntropy(picked, [4, 0, 0, 1, 3])]), 1e-10, "your CrossEntropy of the rows with a target; a target of −1 leaves its position out");
    }

    [Grades("GptModel.NextTokenLoss")]
    [Test]
    public void NextTokenLoss_refuses_a_batch_without_any_target()
    {
        TinyGpt model = TestGpt.Model(seed: 1427);

        Action loss = () => model.NextTokenLoss([[1, 2]], [[-1, -1]]);

        loss.ShouldRejectWith(["NextTokenLoss"]);
    }

    [Grades("GptModel.NextTokenLoss", "GptModel.TrainStep")]
    [TestCase(1)]
    [TestCase(2)]
    public void TrainStep_with_Sgd_moves_every_parameter_against_your_numerical_gradient_of_the_loss(int layers)
    {
        // With Sgd(1), a step moves each parameter by exactly minus its gradient, so before − after must be your
        // numerical gradient of the loss; and TrainStep leaves that gradient in every parameter's Grad.
        TinyGpt model = TestGpt.Model(seed: 1428, layers: layers), original = model.Clone();
        int[][] inputs = [[1, 3, 1, 4], [0, 2, 2, 0]];
        int[][] targets = [[3, 1, -1, 2], [-1, 2, 0, 4]];
        double expectedLoss = TestGpt.LossWithNoTargets(original, inputs, targets).Data[0, 0];

        double loss = model.TrainStep(inputs, targets, new Sgd(1.0));

        loss.ShouldBe(expectedLoss, Tolerance, "TrainStep returns the loss before the step");
        double[] before = TestGpt.Theta(original);
        double[] step = [.. before.Zip(TestGpt.Theta(model), (b, a) => b - a)];
        double LossAt(double[] theta) => TestGpt.WithTheta(original, theta).NextTokenLoss(inputs, targets).Data[0, 0];
        TestAttention.ShouldMatchNumericalGradient("TrainStep", LossAt, before, step, TestGpt.EntryNames(original));
        double[] grads = [.. model.Parameters.SelectMany(p => p.Grad.Data)];
        grads.ShouldBeEntryByEntry(step, 1e-12, TestGpt.EntryNames(model), "after TrainStep every parameter's Grad holds this batch's gradient");
    }

    [Grades("GptModel.TrainStep")]
    [Test]
    public void TrainStep_starts_every_step_from_zero_gradients()
    {
        // With a learning rate of 0 nothing moves, so two steps on the same batch must leave the same gradient:
        // the leaves outlive each step's graph, and a gradient left over from the last step would be added again.
        TinyGpt model = TestGpt.Model(seed: 1429);
        int[][] inputs = [[1, 2, 3]], targets = [[2, 3, 4]];

        model.TrainStep(inputs, targets, new Sgd(0));
        double[] first = [.. model.Parameters.SelectMany(p => p.Grad.Data)];
        model.TrainStep(inputs, targets, new Sgd(0));
        double[] second = [.. model.Parameters.SelectMany(p => p.Grad.Data)];

        second.ShouldBeEntryByEntry(first, Tolerance, TestGpt.EntryNames(model), "the second step's gradient should be the first one, not twice it: set every parameter's Grad to zero before the step's Backward");
    }

    [Grades("GptModel.Train")]
    [Test]
    public void Train_walks_the_batches_in_order_with_one_optimizer_for_the_whole_run()
    {
        TinyGpt trained = TestGpt.Model(seed: 1430), byHand = trained.Clone();
        int[][] inputs = TestGpt.Sequences(7, 3, 5, seed: 1431), targets = TestGpt.Sequences(7, 3, 5, seed: 1432);
        var reports = new List<TrainingProgress>();

        List<double> losses = trained.Train(inputs, targets, new Momentum(0.1), epochs: 2, batchSize: 3, reports.Add);

        // The same steps by hand: batches of 3, 3 and 1, one Momentum for the whole run.
        var momentum = new Momentum(0.1);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((int start, int end) in new[] { (0, 3), (3, 6), (6, 7) })
            {
                expected.Add(byHand.TrainStep(inputs[start..end], targets[start..end], momentum));
            }
        }

        losses.ShouldBe(expected, Tolerance, "the loss of each batch, in order");
        TestGpt.Theta(trained).ShouldBe(TestGpt.Theta(byHand), Tolerance, "the parameters after Train and after the same TrainSteps by hand");
        reports.Select(r => (r.Epoch, r.Batch, r.Batches, r.Samples)).ShouldBe(
            [(1, 1, 3, 3), (1, 2, 3, 3), (1, 3, 3, 1), (2, 1, 3, 3), (2, 2, 3, 3), (2, 3, 3, 1)],
            "one progress report after every batch, Samples = sequences in the batch");
    }

    [Grades("GptModel.Train")]
    [Test]
    public void Train_rejects_targets_that_do_not_match_the_inputs()
    {
        TinyGpt model = TestGpt.Model(seed: 1433);

        Action train = () => model.Train([[1, 2], [3, 0]], [[2, 1]], new Sgd(0.1), epochs: 1, batchSize: 2);

        train.ShouldRejectWith(["Train"]);
    }

    [Grades("GptModel.Generate")]
    [Test]
    public void Generate_at_temperature_zero_writes_the_token_of_the_largest_score_each_time()
    {
        TinyGpt model = TestGpt.Model(seed: 1434, vocabulary: 6, context: 8, layers: 2);
        int[] prompt = [2, 5, 1];

        int[] written = model.Generate(prompt, count: 4, temperature: 0, new Random(1));

        var expected = new List<int>(prompt);
        for (int i = 0; i < 4; i++)
        {
            Matrix logits = model.Forward([[.. expected]]).Data;
            expected.Add(ArgMax(logits.Row(logits.Rows - 1).ToArray()));
        }

        written.ShouldBe([.. expected.Skip(prompt.Length)], "each token the largest score of the last row of Forward over everything so far; only the written tokens are returned");
    }

    [Grades("GptModel.Generate")]
    [TestCase(0.7)]
    [TestCase(1.0)]
    [TestCase(3.0)]
    public void Generate_with_a_temperature_draws_each_token_from_the_softmax_of_the_scores_over_it(double temperature)
    {
        TinyGpt model = TestGpt.Model(seed: 1435, vocabulary: 6, context: 8, layers: 1, scale: 1.5);
        int[] prompt = [0, 3];

        int[] written = model.Generate(prompt, count: 5, temperature, new Random(1436));

        // One NextDouble r per token; the first token whose cumulative probability exceeds r.
        var random = new Random(1436);
        var expected = new List<int>(prompt);
        for (int i = 0; i < 5; i++)
        {
            Matrix logits = model.Forward([[.. expected]]).Data;
            double[] z = [.. logits.Row(logits.Rows - 1).ToArray().Select(v => v / temperature)];
            double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max)), r = random.NextDouble(), cumulative = 0;
            int next = z.Length - 1;
            for (int k = 0; k < z.Length; k++)
            {
                cumulative += Math.Exp(z[k] - max) / sum;
                if (cumulative > r)
                {
                    next = k;
                    break;
                }
            }

            expected.Add(next);
        }

        written.ShouldBe([.. expected.Skip(prompt.Length)], $"at temperature {temperature}: p = softmax(z / {temperature}), r = random.NextDouble(), the first k with p₀ + … + p_k > r");
    }

    [Grades("GptModel.Generate")]
    [Test]
    public void Generate_reads_only_the_last_ContextLength_tokens()
    {
        TinyGpt model = TestGpt.Model(seed: 1437, vocabulary: 5, context: 3);
        int[] prompt = [4, 0, 1, 2, 3, 1];

        int[] written = model.Generate(prompt, count: 3, temperature: 0, new Random(1));

        // A prompt longer than the context: the model reads the last 3 tokens, and so for every token after.
        var tokens = new List<int>(prompt);
        for (int i = 0; i < 3; i++)
        {
            Matrix logits = model.Forward([[.. tokens.TakeLast(3)]]).Data;
            tokens.Add(ArgMax(logits.Row(2).ToArray()));
        }

        written.ShouldBe([.. tokens.Skip(prompt.Length)], "each token from the last 3 tokens so far (the model's context length)");
    }

    [Grades("GptModel.Generate")]
    [TestCase(-0.5)]
    [TestCase(double.NaN)]
    public void Generate_refuses_a_temperature_that_is_negative_or_not_a_number(double temperature)
    {
        TinyGpt model = TestGpt.Model(seed: 1438);

        Action generate = () => model.Generate([1, 2], 3, temperature, new Random(1));

        generate.ShouldRejectWith(["Generate", "temperature"], "a temperature below 0 (or NaN) has no meaning; 0 is greedy");
    }

    private static int ArgMax(double[] z) => Array.IndexOf(z, z.Max());
}
