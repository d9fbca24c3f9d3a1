namespace Kata.Tests.Checkpoint12;

using Kata.Tests.Checkpoint04;
using Kata.Tests.Checkpoint10;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Beyond the product: <c>FastTraining.TrainConv</c> trains a convolutional network exactly as checkpoint
/// 10's ConvNetwork.Train does — checked against training by definition (<see cref="TrainingByDefinition"/>:
/// the convolution, ReLU, pooling, dense layers and loss with plain loops, and a step against the numerical
/// gradient for every batch), within what float allows. Only the provided parts of checkpoint 10 are used:
/// the network's kernels, biases and dense layers.
/// </summary>
[Checkpoint(12)]
[Grades("FastTraining.TrainConv")]
public sealed class TrainConvTests
{
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void One_batch_moves_every_kernel_bias_and_weight_one_step_against_the_gradient(Activation hidden)
    {
        // 6x6x1 → 2 filters of 3x3 → 4x4x2 → max-pool 2x2x2 = 8 → dense 8-5-3.
        ConvNetwork network = Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 5, 3], hidden, seed: 1241);
        ShouldTrainLikeTheDefinition(network, samples: 4, batchSize: 4, epochs: 1, learningRate: 0.5, seed: 1242);
    }

    [Test]
    public void Batches_in_order_over_two_epochs_with_two_channels_are_the_steps_of_checkpoint_10s_Train()
    {
        // 7x6x2 → 3 filters of 2x2 → 6x5x3 → max-pool 3x2x3 = 18 (the odd last column left out) → dense 18-3.
        ConvNetwork network = Network(new ImageShape(7, 6, 2), filters: 3, kernelSize: 2, [18, 3], Activation.ReLU, seed: 1243);
        ShouldTrainLikeTheDefinition(network, samples: 7, batchSize: 3, epochs: 2, learningRate: 0.3, seed: 1244);
    }

    [Test]
    public void More_filters_than_a_vector_holds_train_like_the_definition()
    {
        // 9x9x1 → 17 filters of 4x4 → 6x6x17 → max-pool 3x3x17 = 153 → dense 153-4: channels past 16 lanes.
        ConvNetwork network = Network(new ImageShape(9, 9, 1), filters: 17, kernelSize: 4, [153, 4], Activation.ReLU, seed: 1245);
        ShouldTrainLikeTheDefinition(network, samples: 3, batchSize: 2, epochs: 1, learningRate: 0.2, seed: 1246);
    }

    [Test]
    public void Every_batch_is_reported_with_its_loss_and_a_learning_rate_of_zero_changes_nothing()
    {
        ConvNetwork network = Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 3], Activation.ReLU, seed: 1247);
        IReadOnlyList<(string Name, double[] Values)> before = Copy(network);
        Matrix x = TestData.RandomMatrix(5, 36, seed: 1248);
        int[] labels = TestNetworks.Labels(5, 3, seed: 1249);
        double loss = TrainingByDefinition.CrossEntropy(TrainingByDefinition.Logits(network, x), labels);

        var reports = new List<TrainingProgress>();
        List<double> losses = FastTraining.TrainConv(network, x, labels, learningRate: 0, epochs: 2, batchSize: 5, reports.Add);

        losses.Count.ShouldBe(2, "one loss per batch: 2 epochs of one batch");
        losses.ShouldAllBe(l => Math.Abs(l - loss) < 1e-5, $"with learning rate 0 every batch's loss is the loss of the network as it was ({loss:G6})");
        reports.Select(p => (p.Epoch, p.Epochs, p.Batch, p.Batches, p.Samples)).ShouldBe([(1, 2, 1, 1, 5), (2, 2, 1, 1, 5)], "a report after every batch");
        reports.Select(p => p.Loss).ShouldBe(losses, "each report carries its batch's loss");
        TrainingByDefinition.ShouldMatch(TrainingByDefinition.Parameters(network), before, "after training with learning rate 0");
    }

    [Test]
    public void The_images_and_labels_are_not_changed()
    {
        ConvNetwork network = Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 3], Activation.ReLU, seed: 1250);
        Matrix x = TestData.RandomMatrix(5, 36, seed: 1251), xBefore = x.Clone();
        int[] labels = TestNetworks.Labels(5, 3, seed: 1252), labelsBefore = [.. labels];

        FastTraining.TrainConv(network, x, labels, 0.5, 1, 2);

        x.ShouldMatch(xBefore, 0.0, "FastTraining.TrainConv changed the images");
        labels.ShouldBe(labelsBefore, "FastTraining.TrainConv changed the labels");
    }

    [TestCase(35, 5, 1, 2, 0, "35", TestName = "Images_of_the_wrong_size_are_rejected_naming_FastTraining_TrainConv")]
    [TestCase(36, 4, 1, 2, 0, "4 labels", TestName = "A_label_count_other_than_the_number_of_images_is_rejected_naming_FastTraining_TrainConv")]
    [TestCase(36, 5, 0, 2, 0, "epochs", TestName = "Zero_epochs_are_rejected_naming_FastTraining_TrainConv")]
    [TestCase(36, 5, 1, 2, 3, "label 3", TestName = "A_label_that_is_not_a_class_is_rejected_naming_FastTraining_TrainConv")]
    public void Bad_arguments_are_rejected(int cols, int labelCount, int epochs, int batchSize, int badLabel, string detail)
    {
        ConvNetwork network = Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 3], Activation.ReLU, seed: 1253);
        Matrix x = TestData.RandomMatrix(5, cols, seed: 1254);
        int[] labels = TestNetworks.Labels(labelCount, 3, seed: 1255);
        if (badLabel > 0)
        {
            labels[2] = badLabel;
        }

        Action train = () => FastTraining.TrainConv(network, x, labels, 0.1, epochs, batchSize);
        train.ShouldRejectWith(["FastTraining.TrainConv", detail]);
    }

    /// <summary>A convolutional network of seeded numbers: ConvTestData's layer and TestNetworks' dense layers.</summary>
    internal static ConvNetwork Network(ImageShape input, int filters, int kernelSize, int[] dense, ActivationFunction hidden, int seed) =>
        new(ConvTestData.Layer(input, filters, kernelSize, seed), TestNetworks.Random(dense, hidden, seed + 1));

    /// <summary>Independent copies of every parameter of <paramref name="network"/>, named as TrainingByDefinition names them.</summary>
    internal static IReadOnlyList<(string Name, double[] Values)> Copy(ConvNetwork network) =>
        [.. TrainingByDefinition.Parameters(network).Select(p => (p.Name, (double[])p.Values.Clone()))];

    // Trains the network with FastTraining.TrainConv and a copy by definition, then compares the losses and every parameter.
    private static void ShouldTrainLikeTheDefinition(ConvNetwork network, int samples, int batchSize, int epochs, double learningRate, int seed)
    {
        var reference = new ConvNetwork(
            new ConvLayer(network.Conv.Input, network.Conv.KernelSize, network.Conv.Kernels.Clone(), [.. network.Conv.Biases]),
            TestNetworks.Copy(network.Dense));
        Matrix x = TestData.RandomMatrix(samples, network.Conv.Input.Size, seed);
        int[] labels = TestNetworks.Labels(samples, network.Dense.LayerSizes[^1], seed + 1);

        // The learner's training first, on copies of the data: a method not written yet fails at once,
        // before the definition's training (seconds of numerical gradients) has run for nothing.
        List<double> losses = FastTraining.TrainConv(network, x.Clone(), [.. labels], learningRate, epochs, batchSize);
        (List<double> expected, _) = TrainingByDefinition.Train(
            (batch, y) => TrainingByDefinition.CrossEntropy(TrainingByDefinition.Logits(reference, batch), y),
            TrainingByDefinition.Parameters(reference), x, labels, learningRate, epochs, batchSize);

        string run = $"{network.Conv} → {string.Join('-', network.Dense.LayerSizes)} {network.Dense.HiddenActivation}, {epochs} epoch(s) of {samples} images in batches of {batchSize}";
        losses.ShouldNotBeNull();
        losses.ShouldBe(expected, TrainingByDefinition.Relative * Math.Max(1, expected.Max()), $"the loss of every batch before its step ({run})");
        TrainingByDefinition.ShouldMatch(TrainingByDefinition.Parameters(network), TrainingByDefinition.Parameters(reference), $"after {run}");
    }
}
