namespace Kata.Tests.Checkpoint07;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The optimizers training your network: TrainStep and Train of checkpoint 4 with any optimizer.</summary>
[Checkpoint(7)]
public sealed class OptimizerTrainingTests
{
    private const double Tolerance = 1e-12;

    [Grades("Optimizers.TrainStep")]
    [Test]
    public void TrainStep_with_Sgd_is_your_checkpoint_4_TrainStep()
    {
        Network network = TestNetworks.Random([4, 5, 3], Activation.ReLU, seed: 741);
        Network byHand = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 742);
        int[] labels = TestNetworks.Labels(6, 3, seed: 743);

        double loss = network.TrainStep(x, labels, new Sgd(0.5));

        loss.ShouldBe(byHand.TrainStep(x, labels, learningRate: 0.5), Tolerance, "TrainStep returns the batch's loss before the step");
        for (int l = 0; l < network.LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(byHand.Weights[l], Tolerance, $"layer {l}: the same step as checkpoint 4's W − η·dW");
            network.Biases[l].ShouldBe(byHand.Biases[l], Tolerance, $"layer {l}: the same step as checkpoint 4's b − η·db");
        }
    }

    [Grades("Optimizers.TrainStep", "Adam.Step")]
    [Test]
    public void The_first_Adam_step_moves_every_weight_and_bias_by_about_the_learning_rate()
    {
        Network network = TestNetworks.Random([4, 5, 3], Activation.Sigmoid, seed: 744);
        Network before = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(6, 4, seed: 745);
        int[] labels = TestNetworks.Labels(6, 3, seed: 746);

        network.TrainStep(x, labels, new Adam(learningRate: 0.01));

        // With the bias correction, Adam's first step is −η·g / (|g| + ε) for every parameter: about ±η.
        Gradients g = before.Backward(x, labels);
        for (int l = 0; l < network.LayerCount; l++)
        {
            var expected = new Matrix(g.Weights[l].Rows, g.Weights[l].Cols, [.. before.Weights[l].Data.Zip(g.Weights[l].Data, FirstAdamStep)]);
            network.Weights[l].ShouldMatch(expected, Tolerance, $"layer {l}: w − η·g / (|g| + ε) after the first step");
            network.Biases[l].ShouldBe([.. before.Biases[l].Zip(g.Biases[l], FirstAdamStep)], Tolerance, $"layer {l}: b − η·g / (|g| + ε) after the first step");
        }

        static double FirstAdamStep(double w, double gradient) => w - (0.01 * gradient / (Math.Abs(gradient) + 1e-8));
    }

    [Grades("Optimizers.Train")]
    [Test]
    public void Train_walks_the_samples_in_order_with_one_optimizer_for_the_whole_run()
    {
        Network trained = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 747);
        Network byHand = TestNetworks.Copy(trained);
        Dataset data = TestNetworks.ThreeClusters(perClass: 4, seed: 748);
        var reports = new List<TrainingProgress>();

        List<double> losses = trained.Train(data.Images, data.Labels, new Momentum(0.1), epochs: 2, batchSize: 5, reports.Add);

        // The same steps by hand: one Momentum for the whole run, so the velocity carries from batch to batch.
        var momentum = new Momentum(0.1);
        var expected = new List<double>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((int start, int size) in new[] { (0, 5), (5, 5), (10, 2) })
            {
                var batch = new Matrix(size, 2, data.Images.Data[(start * 2)..((start + size) * 2)]);
                expected.Add(byHand.TrainStep(batch, data.Labels[start..(start + size)], momentum));
            }
        }

        losses.ShouldBe(expected, Tolerance, "the loss of each batch, in order");
        for (int l = 0; l < trained.LayerCount; l++)
        {
            trained.Weights[l].ShouldMatch(byHand.Weights[l], Tolerance, $"layer {l} after Train and after the same TrainSteps by hand");
        }

        reports.Select(r => (r.Epoch, r.Batch, r.Batches, r.Samples)).ShouldBe(
            [(1, 1, 3, 5), (1, 2, 3, 5), (1, 3, 3, 2), (2, 1, 3, 5), (2, 2, 3, 5), (2, 3, 3, 2)],
            "one progress report after every batch");
    }

    [Grades("Optimizers.Train", "Adam.Step")]
    [Test]
    public void Training_with_Adam_separates_three_clusters()
    {
        Network network = TestNetworks.Random([2, 8, 3], Activation.ReLU, seed: 749);
        Dataset data = TestNetworks.ThreeClusters(perClass: 20, seed: 750);

        List<double> losses = network.Train(data.Images, data.Labels, new Adam(learningRate: 0.02), epochs: 30, batchSize: 10);

        network.Accuracy(data.Images, data.Labels).ShouldBe(1.0, $"accuracy on the training clusters; the loss went from {losses[0]:G4} to {losses[^1]:G4}");
    }

    [Grades("Optimizers.Train")]
    [Test]
    public void Train_rejects_labels_that_do_not_match_the_samples()
    {
        Network network = TestNetworks.Random([2, 4, 3], Activation.ReLU, seed: 751);

        Action train = () => network.Train(new Matrix(5, 2), [0, 1, 2], new Sgd(0.1), 1, 2);
        train.ShouldRejectWith(["Train"]);
    }
}
