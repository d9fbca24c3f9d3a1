using System.Diagnostics;
using System.Globalization;

namespace Kata.Tests.Checkpoint11;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The toy sequence model end to end: its forward pass, one training step, training, and the reversal task.</summary>
[Checkpoint(11)]
public sealed class SequenceTrainingTests
{
    private const double Tolerance = 1e-12;

    // The graded toy task: reverse sequences of 6 digits. 1,000 training sequences, 500 others to test on.
    private const int Length = 6, Vocabulary = 10, Width = 12, Heads = 2, TrainCount = 1000, TestCount = 500;
    private const int Epochs = 2, BatchSize = 16;
    private const double LearningRate = 0.02, Threshold = 0.95;

    [Grades("SequenceTraining.Forward")]
    [TestCase(false)]
    [TestCase(true)]
    public void Forward_reads_out_your_attention_layer_over_embeddings_plus_positions(bool causal)
    {
        var model = new SequenceModel(vocabulary: 5, modelWidth: 4, heads: 2, causal, seed: 1161);
        int[] tokens = [2, 0, 3, 2];

        Matrix logits = model.Forward(tokens);

        // X[t] = E[tokens[t]] + PE[t]; H = your layer's Forward(X, causal); logits = H·W_r + b_r.
        Matrix x = Positions.Sinusoidal(4, 4);
        for (int t = 0; t < 4; t++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[t, j] += model.Embedding[tokens[t], j];
            }
        }

        Matrix h = model.Attention.Forward(x, causal);
        logits.ShouldMatch(LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(h, model.Readout), model.ReadoutBias), Tolerance, "one row of scores per position, one column per token");
    }

    [Grades("SequenceTraining.Forward")]
    [Test]
    public void Forward_of_a_causal_model_never_looks_ahead()
    {
        var model = new SequenceModel(vocabulary: 6, modelWidth: 8, heads: 2, causal: true, seed: 1162);

        Matrix first = model.Forward([1, 4, 0, 5, 2]), second = model.Forward([1, 4, 0, 3, 3]);
        first.Data.ShouldAllBe(v => double.IsFinite(v), "the causal model's scores hold NaN or ∞, so no comparison can pass: with the mask, position t still sees positions 0 to t, itself included");

        for (int t = 0; t < 3; t++)
        {
            second.Row(t).ToArray().ShouldBe(first.Row(t).ToArray(), Tolerance, $"the scores at position {t}, when only positions 3 and 4 changed");
        }
    }

    [Grades("SequenceTraining.TrainStep")]
    [TestCase(false)]
    [TestCase(true)]
    public void TrainStep_with_Sgd_moves_every_parameter_against_your_numerical_gradient_of_the_batch_loss(bool causal)
    {
        // A batch of two sequences of different lengths, with a token used twice: the loss is the mean over the
        // batch of each sequence's CrossEntropy(Forward(input), target). With Sgd(1), a step moves each parameter
        // by exactly minus its gradient, so before − after must be your numerical gradient of that loss.
        var model = new SequenceModel(vocabulary: 5, modelWidth: 4, heads: 2, causal, seed: 1163);
        SequenceModel original = TestAttention.Copy(model);
        int[][] inputs = [[1, 3, 1, 4], [0, 2, 2]];
        int[][] targets = [[4, 1, 3, 1], [2, 2, 0]];

        double loss = model.TrainStep(inputs, targets, new Sgd(1.0));

        double BatchLoss(double[] theta)
        {
            SequenceModel m = TestAttention.WithParameters(original, theta);
            return inputs.Zip(targets, (x, y) => Loss.CrossEntropy(m.Forward(x), y)).Average();
        }

        double[] before = TestAttention.Parameters(original);
        loss.ShouldBe(BatchLoss(before), Tolerance, "TrainStep returns the batch's loss before the step: the mean of the two sequences' cross-entropies");
        double[] gradient = [.. before.Zip(TestAttention.Parameters(model), (b, a) => b - a)];
        TestAttention.ShouldMatchNumericalGradient("TrainStep", BatchLoss, before, gradient, TestAttention.ParameterNames(original));
    }

    [Grades("SequenceTraining.Train")]
    [Test]
    public void Train_walks_the_batches_in_order_with_one_optimizer_for_the_whole_run()
    {
        var trained = new SequenceModel(vocabulary: 4, modelWidth: 4, heads: 1, causal: false, seed: 1164);
        SequenceModel byHand = TestAttention.Copy(trained);
        (SequenceData data, _) = SequenceData.Reversal(7, 0, length: 3, vocabulary: 4, seed: 1165);
        var reports = new List<TrainingProgress>();

        List<double> losses = trained.Train(data.Inputs, data.Targets, new Momentum(0.1), epochs: 2, batchSize: 3, reports.Add);

        // The same steps by hand: batches of 3, 3 and 1, one Momentum for the whole run.
        var momentum = new Momentum(0.1);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((int start, int end) in new[] { (0, 3), (3, 6), (6, 7) })
            {
                expected.Add(byHand.TrainStep(data.Inputs[start..end], data.Targets[start..end], momentum));
            }
        }

        losses.ShouldBe(expected, Tolerance, "the loss of each batch, in order");
        TestAttention.Parameters(trained).ShouldBe(TestAttention.Parameters(byHand), Tolerance, "the parameters after Train and after the same TrainSteps by hand");
        reports.Select(r => (r.Epoch, r.Batch, r.Batches, r.Samples)).ShouldBe(
            [(1, 1, 3, 3), (1, 2, 3, 3), (1, 3, 3, 1), (2, 1, 3, 3), (2, 2, 3, 3), (2, 3, 3, 1)],
            "one progress report after every batch, Samples = sequences in the batch");
    }

    [Grades("SequenceTraining.Train")]
    [Test]
    public void Train_rejects_targets_that_do_not_match_the_inputs()
    {
        var model = new SequenceModel(vocabulary: 4, modelWidth: 4, heads: 1, causal: false, seed: 1166);

        Action train = () => model.Train([[1, 2], [3, 0]], [[2, 1]], new Sgd(0.1), epochs: 1, batchSize: 2);

        train.ShouldRejectWith(["Train"]);
    }

    [Grades("SequenceTraining.Forward", "SequenceTraining.TrainStep", "SequenceTraining.Train")]
    [Test]
    [TimeLimit(120)]
    public void Reversing_sequences_of_six_digits_is_learned_to_95_percent_of_new_sequences()
    {
        // The toy task end to end: [3, 1, 4, 1, 5, 9] → [9, 5, 1, 4, 1, 3]. Position t must find position 5 − t:
        // attention to a place, which the model can only find through the positions added to its tokens.
        (SequenceData train, SequenceData test) = SequenceData.Reversal(TrainCount, TestCount, Length, Vocabulary, seed: 1167);
        var model = new SequenceModel(Vocabulary, Width, Heads, causal: false, seed: 1168);
        var clock = Stopwatch.StartNew();

        List<double> losses = model.Train(train.Inputs, train.Targets, new Adam(LearningRate), Epochs, BatchSize);

        double accuracy = TestAttention.ExactlyRight(model, test);
        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"after {Epochs} epochs over {TrainCount:N0} sequences ({clock.Elapsed.TotalSeconds:F1} s; the loss went from {losses[0]:F3} to {losses[^1]:F4}), "
            + $"{accuracy:P1} of {TestCount} new sequences came out exactly reversed");
        TestContext.Out.WriteLine(summary);
        accuracy.ShouldBeGreaterThanOrEqualTo(Threshold, summary);
    }
}
