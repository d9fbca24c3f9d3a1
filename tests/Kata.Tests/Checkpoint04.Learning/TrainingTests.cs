namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(4)]
public sealed class TrainingTests
{
    private const double Tolerance = 1e-12;

    [Grades("Training.TrainStep")]
    [Test]
    public void TrainStep_moves_every_weight_and_bias_against_its_gradient()
    {
        Network network = TestNetworks.Random([4, 5, 3], Activation.ReLU, seed: 81);
        Network before = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 82);
        int[] labels = TestNetworks.Labels(6, 3, seed: 83);

        double loss = network.TrainStep(x, labels, learningRate: 0.5);

        Gradients gradients = before.Backward(x, labels);
        loss.ShouldBe(gradients.Loss, Tolerance, "TrainStep returns the batch's loss before the step");
        for (int l = 0; l < network.LayerCount; l++)
        {
            var expected = new Matrix(before.Weights[l].Rows, before.Weights[l].Cols, [.. before.Weights[l].Data.Zip(gradients.Weights[l].Data, (w, g) => w - (0.5 * g))]);
            network.Weights[l].ShouldMatch(expected, Tolerance, $"layer {l}: W − learningRate · dW");
            network.Biases[l].ShouldBe([.. before.Biases[l].Zip(gradients.Biases[l], (b, g) => b - (0.5 * g))], Tolerance, $"layer {l}: b − learningRate · db");
        }
    }

    [Grades("Training.TrainStep")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void One_TrainStep_on_a_fixed_batch_lowers_its_loss(Activation activation)
    {
        Network network = TestNetworks.Random([4, 5, 3], activation, seed: 84);
        Matrix x = TestData.RandomMatrix(8, 4, seed: 85);
        int[] labels = TestNetworks.Labels(8, 3, seed: 86);

        double before = network.TrainStep(x, labels, learningRate: 0.1);
        double after = Loss.CrossEntropy(network.Forward(x), labels);

        after.ShouldBeLessThan(before, "a small step against the gradient must go downhill; a step with it (+ instead of −) climbs");
    }

    [Grades("Training.TrainStep")]
    [Test]
    public void TrainStep_moves_the_biases_too()
    {
        // Zero weights and zero inputs: z = b = 0 for both samples, so p = [⅓, ⅓, ⅓]. With labels 0 and 2,
        // delta = (p − one-hot) / 2 and db = its column sums = [−⅙, ⅓, −⅙]; dW = xᵀ·delta = 0.
        // One step with learning rate 0.6 moves only the biases, to −0.6 · db = [0.1, −0.2, 0.1].
        var network = new Network([new Matrix(2, 3)], [new double[3]]);

        network.TrainStep(new Matrix(2, 2), [0, 2], learningRate: 0.6);

        network.Biases[0].ShouldBe([0.1, -0.2, 0.1], Tolerance, "b ← b − learningRate · db, with db the column sums of the output delta (p − one-hot) / n: [0.1, −0.2, 0.1] here (0 means the biases do not learn; twice that, a delta without its 1/n)");
        network.Weights[0].ShouldMatch(new Matrix(2, 3), Tolerance, "with zero inputs the weight gradient is zero");
    }

    [Grades("Training.Train")]
    [Test]
    public void Train_returns_one_loss_per_batch_and_counts_a_smaller_last_batch()
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 87);
        Dataset data = TestNetworks.ThreeClusters(perClass: 4, seed: 88); // 12 samples: batches of 5, 5 and 2

        List<double> losses = network.Train(data.Images, data.Labels, learningRate: 0.1, epochs: 3, batchSize: 5);

        losses.ShouldNotBeNull();
        losses.Count.ShouldBe(9, "3 epochs × 3 batches (5 + 5 + 2 samples)");
        losses.ShouldAllBe(loss => double.IsFinite(loss) && loss > 0);
    }

    [Grades("Training.Train")]
    [Test]
    public void Train_with_one_epoch_and_batches_of_one_sample_takes_one_step_per_sample()
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 100);
        Dataset data = TestNetworks.ThreeClusters(perClass: 2, seed: 101); // 6 samples

        List<double> losses = network.Train(data.Images, data.Labels, learningRate: 0.1, epochs: 1, batchSize: 1);

        losses.Count.ShouldBe(6, "1 epoch of 6 samples in batches of 1 is 6 steps: 1 is a valid number of epochs and a valid batch size");
    }

    [Grades("Training.Train")]
    [Test]
    public void Train_walks_the_samples_in_order_one_TrainStep_per_batch()
    {
        Network trained = TestNetworks.Random([2, 4, 3], Activation.Sigmoid, seed: 89);
        Network byHand = TestNetworks.Copy(trained);
        Dataset data = TestNetworks.ThreeClusters(perClass: 4, seed: 90);

        List<double> losses = trained.Train(data.Images, data.Labels, learningRate: 0.3, epochs: 2, batchSize: 5);

        var expected = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((int start, int size) in new[] { (0, 5), (5, 5), (10, 2) })
            {
                var batch = new Matrix(size, 2, data.Images.Data[(start * 2)..((start + size) * 2)]);
                expected.Add(byHand.TrainStep(batch, data.Labels[start..(start + size)], 0.3));
            }
        }

        losses.ShouldBe(expected, Tolerance, "the loss of each batch, in order");
        for (int l = 0; l < trained.LayerCount; l++)
        {
            trained.Weights[l].ShouldMatch(byHand.Weights[l], Tolerance, $"layer {l} after Train and after the same TrainSteps by hand");
        }
    }

    [Grades("Training.Train")]
    [Test]
    public void Train_reports_progress_after_every_batch()
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 91);
        Dataset data = TestNetworks.ThreeClusters(perClass: 4, seed: 92);
        var reports = new List<TrainingProgress>();

        List<double> losses = network.Train(data.Images, data.Labels, learningRate: 0.1, epochs: 2, batchSize: 5, reports.Add);

        reports.Select(r => (r.Epoch, r.Epochs, r.Batch, r.Batches, r.Samples)).ShouldBe(
        [
            (1, 2, 1, 3, 5), (1, 2, 2, 3, 5), (1, 2, 3, 3, 2),
            (2, 2, 1, 3, 5), (2, 2, 2, 3, 5), (2, 2, 3, 3, 2),
        ]);
        reports.Select(r => r.Loss).ShouldBe(losses, Tolerance, "each report carries that batch's loss");
    }

    [Grades("Training.Train")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Training_on_three_separated_clusters_reaches_100_percent_accuracy(Activation activation)
    {
        Network network = TestNetworks.Random([2, 8, 3], activation, seed: 93);
        Dataset data = TestNetworks.ThreeClusters(perClass: 20, seed: 94);

        List<double> losses = network.Train(data.Images, data.Labels, learningRate: 0.5, epochs: 60, batchSize: 10);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, $"accuracy on the training clusters; the loss went from {losses[0]:G4} to {losses[^1]:G4}");
    }

    [Grades("Training.Train")]
    [Test]
    public void Training_lowers_the_loss_from_the_first_epoch_to_the_last()
    {
        Network network = TestNetworks.Random([2, 8, 3], Activation.ReLU, seed: 95);
        Dataset data = TestNetworks.ThreeClusters(perClass: 20, seed: 96);

        List<double> losses = network.Train(data.Images, data.Labels, learningRate: 0.2, epochs: 10, batchSize: 10);

        double first = losses.Take(6).Average(), last = losses.TakeLast(6).Average();
        last.ShouldBeLessThan(first / 2, "the mean batch loss of the last epoch should be less than half that of the first");
    }

    [Grades("Training.Train")]
    [Test]
    public void Train_rejects_labels_that_do_not_match_the_samples()
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 97);

        Action train = () => network.Train(new Matrix(5, 2), [0, 1, 2], 0.1, 1, 2);
        train.ShouldRejectWith(["Train"]);
    }

    [Grades("Training.Train")]
    [TestCase(0, 2, "epochs")]
    [TestCase(-1, 2, "epochs")]
    [TestCase(1, 0, "batchSize")]
    [TestCase(1, -3, "batchSize")]
    public void Train_rejects_fewer_than_one_epoch_or_sample_per_batch(int epochs, int batchSize, string argument)
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 98);
        Dataset data = TestNetworks.ThreeClusters(perClass: 2, seed: 99);

        // Neither can train: 0 epochs would silently do nothing, and a batch of 0 samples never ends or divides by 0.
        Action train = () => network.Train(data.Images, data.Labels, 0.1, epochs, batchSize);
        train.ShouldRejectWith(["Train"], $"{argument} must be at least 1: throw an ArgumentException that says so");
    }
}
