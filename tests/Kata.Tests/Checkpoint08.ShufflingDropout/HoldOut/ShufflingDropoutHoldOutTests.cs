using System.Globalization;

namespace Kata.Tests.Checkpoint08.HoldOut;

using Kata.Tests.Checkpoint04;
using Kata.Tests.Checkpoint06.HoldOut;
using Kata.Tests.Checkpoint07.HoldOut;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 8, with counts, seeds, batch sizes, rates, networks and masks drawn at
/// grade time (<see cref="GradeTime"/>): permutations and batches checked for what every correct shuffle
/// has, masks within statistical margins that hold for every seed, the passes with masks against
/// <see cref="ReferenceMlp"/>, and training runs against the reference's steps; and, fixed: four samples
/// instead of three, batch sizes at the edges, other architectures for the gradient check, and heavier
/// dropout with Adam.
/// </summary>
[Checkpoint(8)]
[HoldOut]
public sealed class ShufflingDropoutHoldOutTests
{
    [Grades("Shuffling.Permutation")]
    [Test]
    public void Permutation_of_a_drawn_count_holds_every_index_once_and_the_same_seed_repeats_it()
    {
        Random random = GradeTime.Random();
        for (int trial = 0; trial < 20; trial++)
        {
            int count = GradeTime.Between(random, 1, trial < 10 ? 12 : 400), seed = random.Next();

            int[] order = Shuffling.Permutation(count, new Random(seed));

            order.ShouldNotBeNull();
            order.Length.ShouldBe(count, $"one entry per sample ({count})");
            order.Order().ShouldBe(Enumerable.Range(0, count), $"the order of {count} samples must hold exactly the indices 0 to {count} − 1, each once");
            Shuffling.Permutation(count, new Random(seed)).ShouldBe(order, $"the same seed ({seed}) must give the same order: draw every number from the random you are given");
        }
    }

    [Grades("Shuffling.Permutation")]
    [Test]
    public void Permutations_of_a_drawn_count_are_shuffled_and_differ_from_seed_to_seed_and_call_to_call()
    {
        // At least 30 samples: two independent orders agree, or one is 0, 1, 2, …, with probability 1/30! at most.
        Random random = GradeTime.Random();
        int count = GradeTime.Between(random, 30, 300), seed = random.Next();
        var source = new Random(seed);

        int[] first = Shuffling.Permutation(count, source), second = Shuffling.Permutation(count, source);

        first.ShouldNotBe(Enumerable.Range(0, count), $"the order of {count} samples should be shuffled, not 0, 1, 2, …");
        second.ShouldNotBe(first, "the next call on the same random should give the next, different order");
        Shuffling.Permutation(count, new Random(seed ^ 0x5bd1e995)).ShouldNotBe(first, "another seed should give another order");
    }

    [Grades("Shuffling.Permutation")]
    [Test]
    public void Every_order_of_four_samples_is_equally_likely_from_a_drawn_seed()
    {
        // 96,000 draws: each share's standard error is 0.00065, so ±0.0035 is 5.4 of them for every seed.
        var random = new Random(GradeTime.Random().Next());
        var counts = new Dictionary<string, int>();
        const int Draws = 96_000;
        for (int i = 0; i < Draws; i++)
        {
            string order = string.Join(",", Shuffling.Permutation(4, random));
            counts[order] = counts.GetValueOrDefault(order) + 1;
        }

        counts.Count.ShouldBe(24, "all 24 orders of 4 samples should appear");
        foreach ((string order, int count) in counts)
        {
            ((double)count / Draws).ShouldBe(1.0 / 24, 0.0035, $"the share of the order {order}");
        }
    }

    [Grades("Shuffling.Permutation")]
    [Test]
    public void Every_order_of_four_samples_is_equally_likely()
    {
        var random = new Random(8901);
        var counts = new Dictionary<string, int>();
        const int Draws = 96_000;
        for (int i = 0; i < Draws; i++)
        {
            string order = string.Join(",", Shuffling.Permutation(4, random));
            counts[order] = counts.GetValueOrDefault(order) + 1;
        }

        counts.Count.ShouldBe(24, "all 24 orders of 4 samples should appear");
        foreach ((string order, int count) in counts)
        {
            ((double)count / Draws).ShouldBe(1.0 / 24, 0.0035, $"the share of the order {order}");
        }
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Batches_of_drawn_samples_hold_every_row_once_with_its_own_label_in_the_documented_sizes()
    {
        Random random = GradeTime.Random();
        for (int trial = 0; trial < 6; trial++)
        {
            int n = GradeTime.Between(random, 1, 60), cols = GradeTime.Between(random, 1, 5), batchSize = GradeTime.Between(random, 1, n + 3), seed = random.Next();
            (Matrix x, int[] labels) = Numbered(random, n, cols);
            Matrix xBefore = x.Clone();
            int[] labelsBefore = [.. labels];
            int batches = (n + batchSize - 1) / batchSize;
            int[] sizes = [.. Enumerable.Range(0, batches).Select(b => Math.Min(batchSize, n - (b * batchSize)))];
            string what = $"{n} samples in batches of {batchSize}";

            List<Dataset> result = Shuffling.Batches(x, labels, batchSize, new Random(seed));

            result.ShouldNotBeNull();
            result.Select(b => b.Count).ShouldBe(sizes, $"{what}: {batches} batches, all of {batchSize} but the last, which holds the rest");
            var seen = new List<int>();
            foreach (Dataset batch in result)
            {
                batch.Images.Cols.ShouldBe(cols, $"{what}: a batch has the columns of x");
                for (int r = 0; r < batch.Count; r++)
                {
                    int sample = (int)batch.Images[r, 0];
                    sample.ShouldBeInRange(0, n - 1, $"{what}: the first pixel of each row says which sample it is");
                    for (int c = 0; c < cols; c++)
                    {
                        batch.Images[r, c].ShouldBe(xBefore[sample, c], $"{what}: row {r} of a batch should be all of sample {sample}'s row");
                    }

                    batch.Labels[r].ShouldBe(labelsBefore[sample], $"{what}: sample {sample} should arrive with its own label");
                    seen.Add(sample);
                }
            }

            seen.Order().ShouldBe(Enumerable.Range(0, n), $"{what}: every sample exactly once per epoch");
            x.ShouldMatch(xBefore, 0.0, "Batches should not change the images it was given");
            labels.ShouldBe(labelsBefore, "Batches should not change the labels it was given");
            Order(Shuffling.Batches(x, labels, batchSize, new Random(seed))).ShouldBe([.. seen], $"{what}: the same seed should give the same batches");
        }
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Batches_of_drawn_samples_follow_one_Permutation_and_the_next_epoch_another()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 30, 80), batchSize = GradeTime.Between(random, 1, 12), seed = random.Next();
        (Matrix x, int[] labels) = Numbered(random, n, 2);
        var source = new Random(seed);

        int[] epoch1 = Order(Shuffling.Batches(x, labels, batchSize, source)), epoch2 = Order(Shuffling.Batches(x, labels, batchSize, source));

        epoch1.ShouldBe(Shuffling.Permutation(n, new Random(seed)), "the rows in the order of Shuffling.Permutation(x.Rows, random), drawn first from the random given");
        epoch2.ShouldNotBe(epoch1, $"the second epoch from the same random should visit the {n} samples in another order");
        epoch1.ShouldNotBe(Enumerable.Range(0, n), "the samples should be shuffled");
    }

    [Grades("Shuffling.Batches")]
    [Test]
    public void Batches_reject_drawn_labels_that_do_not_match_the_samples_and_batch_sizes_below_one()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 2, 20), wrong = n + ((random.Next(2) == 0 ? -1 : 1) * GradeTime.Between(random, 1, n - 1));
        (Matrix x, int[] labels) = Numbered(random, n, 2);
        int[] wrongLabels = ReferenceMlp.DrawLabels(random, wrong, 10);

        Action mismatch = () => Shuffling.Batches(x, wrongLabels, 2, new Random(1));
        Action noBatch = () => Shuffling.Batches(x, labels, -GradeTime.Between(random, 0, 3), new Random(1));

        mismatch.ShouldRejectWith([], $"{n} samples but {wrong} labels");
        noBatch.ShouldRejectWith([], "a batch size below 1");
    }

    [Grades("Shuffling.Batches")]
    [TestCase(1, 7)]
    [TestCase(7, 1)]
    [TestCase(50, 1)]
    public void Batches_at_the_edges_still_hold_every_sample_once(int batchSize, int expectedBatches)
    {
        (Matrix x, int[] labels) = ShufflingTests.Numbered(7);

        List<Dataset> batches = Shuffling.Batches(x, labels, batchSize, new Random(8902));

        batches.Count.ShouldBe(expectedBatches, $"7 samples in batches of {batchSize}");
        int[] samples = [.. batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (int)b.Images[r, 0]))];
        samples.Order().ShouldBe(Enumerable.Range(0, 7));
        batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (Sample: (int)b.Images[r, 0], Label: b.Labels[r])))
            .ShouldAllBe(s => s.Label == s.Sample % 3, "every sample keeps its own label");
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void Masks_of_a_drawn_shape_and_rates_drop_about_that_share_and_scale_the_rest()
    {
        // One rate below 0.4 and one above 0.55, so that a mask that keeps with probability p (instead of
        // dropping) is far off. Margins of six standard errors of the share, sqrt(p(1 − p)/N) with N ≥ 2,400:
        // every seed passes.
        Random random = GradeTime.Random();
        int rows = GradeTime.Between(random, 60, 150), cols = GradeTime.Between(random, 40, 100);
        int entries = rows * cols;

        foreach (double p in new[] { GradeTime.Number(random, 0.05, 0.4), GradeTime.Number(random, 0.55, 0.9) })
        {
            double kept = 1 / (1 - p), margin = 6 * Math.Sqrt(p * (1 - p) / entries);
            int seed = random.Next();

            Matrix mask = Dropout.Mask(rows, cols, p, new Random(seed));

            mask.ShouldHaveShape(rows, cols);
            double[] others = [.. mask.Data.Where(v => v != 0 && Math.Abs(v - kept) > 1e-12 * kept).Distinct().Take(5)];
            others.ShouldBeEmpty($"every entry should be 0 (dropped) or 1/(1 − p) = {kept:G6} (kept) for p = {p:G4}");
            double dropped = mask.Data.Count(v => v == 0) / (double)entries;
            dropped.ShouldBe(p, margin, $"the share of dropped entries of a {rows}x{cols} mask with p = {p:G4} (p is the rate of dropping)");
            mask.Data.Average().ShouldBe(1.0, margin * kept, $"the mean of the mask with p = {p:G4}: (1 − p) · 1/(1 − p) = 1");
            Dropout.Mask(rows, cols, p, new Random(seed)).ShouldMatch(mask, 0.0, $"the same seed ({seed}) should give the same mask: draw every entry from the random given");
        }
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void Masks_of_a_drawn_shape_differ_from_seed_to_seed_and_call_to_call()
    {
        // Two independent masks of at least 400 entries with 0.2 ≤ p ≤ 0.8 agree with probability below 0.68^400.
        Random random = GradeTime.Random();
        int rows = GradeTime.Between(random, 20, 40), cols = GradeTime.Between(random, 20, 40), seed = random.Next();
        double p = GradeTime.Number(random, 0.2, 0.8);
        var source = new Random(seed);

        Matrix first = Dropout.Mask(rows, cols, p, source), second = Dropout.Mask(rows, cols, p, source);

        second.Data.ShouldNotBe(first.Data, "the next mask from the same random should be another mask");
        Dropout.Mask(rows, cols, p, new Random(seed ^ 0x5bd1e995)).Data.ShouldNotBe(first.Data, "another seed should give another mask");
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void A_mask_of_a_drawn_shape_with_rate_zero_is_all_ones()
    {
        Random random = GradeTime.Random();
        int rows = GradeTime.Between(random, 1, 30), cols = GradeTime.Between(random, 1, 30);
        var ones = new Matrix(rows, cols, [.. Enumerable.Repeat(1.0, rows * cols)]);

        Dropout.Mask(rows, cols, 0.0, new Random(random.Next())).ShouldMatch(ones, 0.0, "p = 0 keeps every entry, scaled by 1/(1 − 0) = 1");
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void Mask_rejects_drawn_rates_outside_zero_to_one()
    {
        Random random = GradeTime.Random();
        double[] rates = [1.0, GradeTime.Number(random, 1, 5), -GradeTime.Number(random, 1e-6, 3)];

        foreach (double p in rates)
        {
            Action mask = () => Dropout.Mask(GradeTime.Between(random, 1, 5), GradeTime.Between(random, 1, 5), p, new Random(1));
            mask.ShouldRejectWith(["Mask", "[0, 1)"], $"p = {p.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    [Grades("Dropout.Mask")]
    [Test]
    public void A_mask_that_drops_four_fifths_scales_the_rest_by_five()
    {
        Matrix mask = Dropout.Mask(120, 90, 0.8, new Random(8903));

        mask.Data.All(v => v == 0 || Math.Abs(v - 5) < 1e-12).ShouldBeTrue("every entry 0 or 1/(1 − 0.8) = 5");
        (mask.Data.Count(v => v == 0) / (double)mask.Data.Length).ShouldBe(0.8, 0.02, "the share of dropped entries");
        mask.Data.Average().ShouldBe(1.0, 0.05, "the mean of the mask");
    }

    [Grades("Dropout.Forward")]
    [Test]
    public void Forward_of_a_drawn_network_with_drawn_masks_matches_the_reference()
    {
        Random random = GradeTime.Random();
        (ReferenceMlp reference, Hidden hidden, Matrix x, int[] _, Matrix[] masks, string what) = DrawBatchWithMasks(random);
        Matrix expected = reference.Logits(x, masks);
        Network network = reference.ToNetwork(hidden.ForNetwork);

        network.Forward(x.Clone(), [.. masks.Select(m => m.Clone())]).ShouldMatch(expected, 1e-10, $"the logits of {what}: a = f(z) ⊙ mask on every hidden layer, nothing on the output");
    }

    [Grades("Dropout.Backward")]
    [Test]
    public void Backward_of_a_drawn_network_with_drawn_masks_matches_the_reference()
    {
        Random random = GradeTime.Random();
        (ReferenceMlp reference, Hidden hidden, Matrix x, int[] labels, Matrix[] masks, string what) = DrawBatchWithMasks(random);
        Gradients expected = reference.Backward(x, labels, masks);
        Network network = reference.ToNetwork(hidden.ForNetwork);

        Gradients actual = network.Backward(x.Clone(), [.. labels], [.. masks.Select(m => m.Clone())]);

        ReferenceMlp.ShouldMatch(actual, expected, 1e-10, what + " (delta = (delta·Wᵀ) ⊙ mask ⊙ f′(z) on the way back)");
    }

    [Grades("Dropout.Forward", "Dropout.Backward")]
    [TestCase(new[] { 3, 7, 6, 2 }, Activation.Sigmoid)]
    [TestCase(new[] { 5, 4, 4, 4 }, Activation.ReLU)]
    public void Backward_with_fixed_masks_agrees_with_the_numerical_gradient_on_unseen_architectures(int[] sizes, Activation activation)
    {
        Network network = TestNetworks.Random(sizes, activation, seed: 8904);
        Matrix x = TestData.RandomMatrix(5, sizes[0], seed: 8905);
        int[] labels = TestNetworks.Labels(5, sizes[^1], seed: 8906);
        Matrix[] masks = [.. Enumerable.Range(1, sizes.Length - 2).Select(l => DropoutTests.FixedMask(5, sizes[l], seed: 8910 + l))];

        GradientCheckTests.ShouldAgreeWithNumericalGradient(network, labels, n => n.Backward(x, labels, masks), n => n.Forward(x, masks));
    }

    [Grades("StochasticTraining.Train")]
    [Test]
    public void Train_without_dropout_on_one_batch_of_every_drawn_sample_is_full_batch_gradient_descent()
    {
        // One batch holds every sample, so its order does not change the mean loss or its gradient, and
        // masks of p = 0 keep everything: each epoch is one step of plain descent on the whole set.
        Random random = GradeTime.Random();
        Hidden hidden = Hidden.Draw(random);
        int[] sizes = ReferenceMlp.DrawSizes(random);
        var reference = ReferenceMlp.Draw(random, sizes, hidden.F, hidden.FPrime);
        int n = GradeTime.Between(random, 1, 12), batchSize = GradeTime.Between(random, n, n + 5), epochs = GradeTime.Between(random, 1, 5);
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = ReferenceMlp.DrawLabels(random, n, sizes[^1]);
        double rate = GradeTime.Number(random, 0.05, 0.5);
        Network network = reference.ToNetwork(hidden.ForNetwork);
        var expected = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Gradients gradients = reference.Backward(x, labels);
            expected.Add(gradients.Loss);
            reference.ApplyReferenceStep(gradients, rate);
        }

        var reports = new List<TrainingProgress>();
        string what = $"{epochs} epochs of {n} samples in one batch (batch size {batchSize}), a {string.Join('-', sizes)} {hidden} network";

        List<double> losses = network.Train(x.Clone(), [.. labels], new RecordingSgd(rate), epochs, batchSize, dropout: 0.0, seed: random.Next(), reports.Add);

        losses.ShouldNotBeNull("Train returns the loss of every batch");
        losses.ShouldBe(expected, 1e-9, $"the loss of each epoch's one batch, before its step: {what}");
        reference.ShouldMatchParametersOf(network, 1e-9, $"after {what}");
        reports.Select(r => (r.Epoch, r.Epochs, r.Batch, r.Batches, r.Samples))
            .ShouldBe([.. Enumerable.Range(1, epochs).Select(e => (e, epochs, 1, 1, n))], $"one progress report per batch: {what}");
    }

    [Grades("StochasticTraining.Train")]
    [Test]
    public void Train_with_a_drawn_dropout_takes_the_reference_step_for_every_shuffled_batch_and_its_masks()
    {
        // The order and the masks are those of the documented draws, one Random(seed) for the whole run
        // (two or three epochs, so that a Random made again each epoch shows): each epoch's
        // Shuffling.Batches, then for each batch one Dropout.Mask per hidden layer, first layer first.
        // The losses and the steps are the reference's own. Two hidden layers, so that their masks' order shows.
        Random random = GradeTime.Random();
        Hidden hidden = Hidden.Draw(random);
        int[] sizes = ReferenceMlp.DrawSizes(random, minHidden: 2);
        var reference = ReferenceMlp.Draw(random, sizes, hidden.F, hidden.FPrime);
        int n = GradeTime.Between(random, 2, 14), batchSize = GradeTime.Between(random, 1, n), epochs = GradeTime.Between(random, 2, 3), seed = random.Next();
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = ReferenceMlp.DrawLabels(random, n, sizes[^1]);
        double rate = GradeTime.Number(random, 0.05, 0.5), dropout = GradeTime.Number(random, 0.1, 0.6);
        Network network = reference.ToNetwork(hidden.ForNetwork);
        var draws = new Random(seed);
        var expected = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (Dataset batch in Shuffling.Batches(x.Clone(), [.. labels], batchSize, draws))
            {
                Matrix[] masks = [.. Enumerable.Range(1, sizes.Length - 2).Select(l => Dropout.Mask(batch.Count, sizes[l], dropout, draws))];
                Gradients gradients = reference.Backward(batch.Images, batch.Labels, masks);
                expected.Add(gradients.Loss);
                reference.ApplyReferenceStep(gradients, rate);
            }
        }

        string what = $"{epochs} epochs of {n} samples in batches of {batchSize}, dropout {dropout:G3}, a {string.Join('-', sizes)} {hidden} network";

        List<double> losses = network.Train(x.Clone(), [.. labels], new RecordingSgd(rate), epochs, batchSize, dropout, seed);

        losses.ShouldNotBeNull("Train returns the loss of every batch");
        losses.ShouldBe(expected, 1e-9, $"the loss of each batch with its masks, before its step: {what}");
        reference.ShouldMatchParametersOf(network, 1e-9, $"after {what}");
    }

    [Grades("StochasticTraining.Train")]
    [Test]
    public void Train_with_drawn_seeds_and_dropout_separates_three_clusters_and_predicts_without_dropout()
    {
        Random random = GradeTime.Random();
        Network network = TestNetworks.Random([2, 32, 3], Activation.ReLU, seed: random.Next(1_000_000));
        Dataset data = TestNetworks.ThreeClusters(perClass: 15, seed: random.Next());
        double dropout = GradeTime.Number(random, 0, 0.3);

        List<double> losses = network.Train(data.Images, data.Labels, new Adam(learningRate: 0.02), epochs: 40, batchSize: 9, dropout, seed: random.Next());

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, $"every point of three well separated clusters, predicted without dropout (dropout {dropout:G3} in training; the loss went from {losses[0]:G4} to {losses[^1]:G4})");
    }

    [Grades("StochasticTraining.Train")]
    [Test]
    public void Heavy_dropout_with_Adam_still_separates_three_clusters()
    {
        Network network = TestNetworks.Random([2, 32, 3], Activation.ReLU, seed: 8907);
        Dataset data = TestNetworks.ThreeClusters(perClass: 15, seed: 8908);

        network.Train(data.Images, data.Labels, new Adam(learningRate: 0.02), epochs: 40, batchSize: 9, dropout: 0.5, seed: 8909);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, "every point of three well separated clusters, predicted without dropout");
    }

    [Grades("StochasticTraining.Train")]
    [Test]
    public void Train_rejects_drawn_dropout_rates_outside_zero_to_one()
    {
        Random random = GradeTime.Random();
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: random.Next(1_000_000));
        Dataset data = TestNetworks.ThreeClusters(perClass: 2, seed: random.Next());

        foreach (double dropout in new[] { 1.0, GradeTime.Number(random, 1, 5), -GradeTime.Number(random, 1e-6, 3) })
        {
            Action train = () => network.Train(data.Images, data.Labels, new Sgd(0.1), 1, 2, dropout, seed: 1);
            train.ShouldRejectWith(["Train", "[0, 1)"], $"dropout = {dropout.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    // A drawn network (1 or 2 hidden layers, sigmoid or ReLU), batch, labels and masks of a drawn rate.
    private static (ReferenceMlp Reference, Hidden Hidden, Matrix X, int[] Labels, Matrix[] Masks, string What) DrawBatchWithMasks(Random random)
    {
        Hidden hidden = Hidden.Draw(random);
        int[] sizes = ReferenceMlp.DrawSizes(random);
        var reference = ReferenceMlp.Draw(random, sizes, hidden.F, hidden.FPrime);
        int n = GradeTime.Between(random, 1, 8);
        Matrix x = GradeTime.Matrix(random, n, sizes[0]);
        int[] labels = ReferenceMlp.DrawLabels(random, n, sizes[^1]);
        double p = GradeTime.Number(random, 0.1, 0.7);
        Matrix[] masks = ReferenceMlp.DrawMasks(random, sizes, n, p);
        return (reference, hidden, x, labels, masks, $"a {string.Join('-', sizes)} {hidden} network on {n} samples with masks of p = {p:G3}");
    }

    // Sample i: the first pixel is i, the others drawn; labels drawn from 10 classes.
    private static (Matrix X, int[] Labels) Numbered(Random random, int n, int cols)
    {
        Matrix x = GradeTime.Matrix(random, n, cols, -5, 5);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = i;
        }

        return (x, ReferenceMlp.DrawLabels(random, n, 10));
    }

    private static int[] Order(List<Dataset> batches) => [.. batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (int)b.Images[r, 0]))];
}
