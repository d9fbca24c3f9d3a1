namespace Kata.Tests.Checkpoint08;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(8)]
[Grades("StochasticTraining.Train")]
public sealed class StochasticTrainingTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void Train_takes_one_step_per_shuffled_batch_with_fresh_masks_from_one_random()
    {
        Network trained = TestNetworks.Random([2, 5, 4, 3], Activation.ReLU, seed: 831);
        Network byHand = TestNetworks.Copy(trained);
        Dataset data = TestNetworks.ThreeClusters(perClass: 4, seed: 832);
        var reports = new List<TrainingProgress>();

        List<double> losses = trained.Train(data.Images, data.Labels, new Momentum(0.1), epochs: 2, batchSize: 5, dropout: 0.3, seed: 833, reports.Add);

        // The same run by hand: one Random(seed); per epoch the shuffled batches; per batch one mask per
        // hidden layer, first layer first; Backward through those masks; one optimizer step.
        var random = new Random(833);
        var momentum = new Momentum(0.1);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach (Dataset batch in Shuffling.Batches(data.Images, data.Labels, 5, random))
            {
                Matrix[] masks = [Dropout.Mask(batch.Count, 5, 0.3, random), Dropout.Mask(batch.Count, 4, 0.3, random)];
                Gradients gradients = byHand.Backward(batch.Images, batch.Labels, masks);
                momentum.Step(byHand, gradients);
                expected.Add(gradients.Loss);
            }
        }

        losses.ShouldBe(expected, Tolerance, "the loss of each batch, in order");
        for (int l = 0; l < trained.LayerCount; l++)
        {
            trained.Weights[l].ShouldMatch(byHand.Weights[l], Tolerance, $"layer {l} after Train and after the same steps by hand");
        }

        reports.Select(r => (r.Epoch, r.Batch, r.Batches, r.Samples)).ShouldBe(
            [(1, 1, 3, 5), (1, 2, 3, 5), (1, 3, 3, 2), (2, 1, 3, 5), (2, 2, 3, 5), (2, 3, 3, 2)],
            "one progress report after every batch");
    }

    [Test]
    public void The_same_seed_repeats_the_run_and_another_seed_changes_it()
    {
        Dataset data = TestNetworks.ThreeClusters(perClass: 5, seed: 834);
        List<double> Run(int seed) => TestNetworks.Random([2, 6, 3], Activation.ReLU, seed: 835)
            .Train(data.Images, data.Labels, new Sgd(0.2), epochs: 2, batchSize: 4, dropout: 0.2, seed: seed);

        Run(seed: 836).ShouldBe(Run(seed: 836), Tolerance, "the same seed must give the same order, the same masks and so the same losses");
        Run(seed: 837).ShouldNotBe(Run(seed: 836), "another seed should give another order or other masks");
    }

    [Test]
    public void Training_with_shuffling_and_dropout_separates_three_clusters_and_predicts_without_dropout()
    {
        Network network = TestNetworks.Random([2, 16, 3], Activation.ReLU, seed: 838);
        Dataset data = TestNetworks.ThreeClusters(perClass: 20, seed: 839);

        List<double> losses = network.Train(data.Images, data.Labels, new Sgd(0.3), epochs: 40, batchSize: 10, dropout: 0.2, seed: 840);

        // Accuracy uses your plain Forward: at inference nothing is dropped and nothing is rescaled.
        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, $"accuracy on the training clusters; the training loss went from {losses[0]:G4} to {losses[^1]:G4}");
    }

    [TestCase(1.0)]
    [TestCase(-0.5)]
    public void Train_rejects_a_dropout_rate_outside_zero_to_one(double dropout)
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 841);
        Dataset data = TestNetworks.ThreeClusters(perClass: 2, seed: 842);

        Action train = () => network.Train(data.Images, data.Labels, new Sgd(0.1), 1, 2, dropout, seed: 843);

        train.ShouldRejectWith(["Train", "[0, 1)"]);
    }

    [Test]
    public void Train_rejects_labels_that_do_not_match_the_samples()
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 844);

        Action train = () => network.Train(new Matrix(5, 2), [0, 1, 2], new Sgd(0.1), 1, 2, 0.1, seed: 845);

        train.ShouldRejectWith(["Train"]);
    }
}
