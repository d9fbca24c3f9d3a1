namespace Kata.Tests.Checkpoint12;

using Kata.Tests.Checkpoint04;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Beyond the product: <c>FastTraining.Train</c> trains a dense network exactly as checkpoint 4's Train
/// does — checked against training by definition (<see cref="TrainingByDefinition"/>: the forward pass, the
/// loss and a step against its numerical gradient for every batch), within what float allows — however it
/// gets there. How fast it is, the benchmarks say (checkpoints.md#12-make-it-fast).
/// </summary>
[Checkpoint(12)]
[Grades("FastTraining.Train")]
public sealed class FastTrainingTests
{
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void One_batch_moves_every_weight_and_bias_one_step_against_the_gradient(Activation activation)
    {
        ShouldTrainLikeTheDefinition([6, 5, 4, 3], activation, samples: 7, batchSize: 7, epochs: 1, learningRate: 0.5, seed: 1221);
    }

    [Test]
    public void Batches_in_order_with_a_smaller_last_one_over_two_epochs_are_the_steps_of_checkpoint_4s_Train()
    {
        ShouldTrainLikeTheDefinition([5, 4, 3], Activation.ReLU, samples: 11, batchSize: 4, epochs: 2, learningRate: 0.3, seed: 1222);
    }

    [Test]
    public void A_network_without_hidden_layers_trains_like_the_definition()
    {
        ShouldTrainLikeTheDefinition([4, 3], Activation.ReLU, samples: 9, batchSize: 5, epochs: 2, learningRate: 0.5, seed: 1223);
    }

    [Test]
    public void A_hidden_activation_given_by_its_function_trains_like_the_definition()
    {
        // Checkpoint 6's tanh comes as a function and its derivative: the fast step must use them.
        var tanh = new ActivationFunction("Tanh", Math.Tanh, z => 1 - (Math.Tanh(z) * Math.Tanh(z)), Activation.Sigmoid);
        ShouldTrainLikeTheDefinition([4, 5, 3], tanh, samples: 6, batchSize: 3, epochs: 1, learningRate: 0.5, seed: 1224);
    }

    [Test]
    public void Layers_wider_than_a_tile_and_a_batch_of_many_tiles_train_like_the_definition()
    {
        // 37 samples, 20 inputs and 33 hidden neurons: more than one tile of rows and of columns, with remainders.
        ShouldTrainLikeTheDefinition([20, 33, 9], Activation.ReLU, samples: 37, batchSize: 37, epochs: 1, learningRate: 0.5, seed: 1225);
    }

    [Test]
    public void Every_batch_is_reported_with_its_loss_and_a_learning_rate_of_zero_changes_nothing()
    {
        Network network = TestNetworks.Random([5, 4, 3], Activation.ReLU, seed: 1226);
        Network before = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(10, 5, seed: 1227);
        int[] labels = TestNetworks.Labels(10, 3, seed: 1228);
        double loss = TrainingByDefinition.CrossEntropy(TrainingByDefinition.Logits(network, x), labels);

        var reports = new List<TrainingProgress>();
        List<double> losses = FastTraining.Train(network, x, labels, learningRate: 0, epochs: 2, batchSize: 10, reports.Add);

        losses.Count.ShouldBe(2, "one loss per batch: 2 epochs of one batch");
        losses.ShouldAllBe(l => Math.Abs(l - loss) < 1e-5, $"with learning rate 0 every batch's loss is the loss of the network as it was ({loss:G6})");
        reports.Select(p => (p.Epoch, p.Epochs, p.Batch, p.Batches, p.Samples)).ShouldBe([(1, 2, 1, 1, 10), (2, 2, 1, 1, 10)], "a report after every batch");
        reports.Select(p => p.Loss).ShouldBe(losses, "each report carries its batch's loss");
        TrainingByDefinition.ShouldMatch(TrainingByDefinition.Parameters(network), TrainingByDefinition.Parameters(before), "after training with learning rate 0");
    }

    [Test]
    public void The_samples_and_labels_are_not_changed()
    {
        Network network = TestNetworks.Random([5, 4, 3], Activation.ReLU, seed: 1229);
        Matrix x = TestData.RandomMatrix(8, 5, seed: 1230), xBefore = x.Clone();
        int[] labels = TestNetworks.Labels(8, 3, seed: 1231), labelsBefore = [.. labels];

        FastTraining.Train(network, x, labels, 0.5, 2, 3);

        x.ShouldMatch(xBefore, 0.0, "FastTraining.Train changed the samples");
        labels.ShouldBe(labelsBefore, "FastTraining.Train changed the labels");
    }

    [TestCase(6, 8, 1, 4, 0, "FastTraining.Train", "8x6", TestName = "Samples_with_the_wrong_number_of_columns_are_rejected")]
    [TestCase(5, 7, 1, 4, 0, "FastTraining.Train", "8x5", TestName = "A_label_count_other_than_the_number_of_samples_is_rejected")]
    [TestCase(5, 8, 0, 4, 0, "FastTraining.Train", "epochs", TestName = "Zero_epochs_are_rejected")]
    [TestCase(5, 8, 1, 0, 0, "FastTraining.Train", "batchSize", TestName = "A_batch_size_of_zero_is_rejected")]
    [TestCase(5, 8, 1, 4, 3, "FastTraining.Train", "label 3", TestName = "A_label_that_is_not_a_class_is_rejected")]
    public void Bad_arguments_are_rejected_naming_FastTraining_Train(int cols, int labelCount, int epochs, int batchSize, int badLabel, string operation, string detail)
    {
        Network network = TestNetworks.Random([5, 4, 3], Activation.ReLU, seed: 1232);
        Matrix x = TestData.RandomMatrix(8, cols, seed: 1233);
        int[] labels = TestNetworks.Labels(labelCount, 3, seed: 1234);
        if (badLabel > 0)
        {
            labels[5] = badLabel;
        }

        Action train = () => FastTraining.Train(network, x, labels, 0.1, epochs, batchSize);
        train.ShouldRejectWith([operation, detail]);
    }

    // Trains a seeded network with FastTraining.Train and a copy by definition, then compares the losses and every parameter.
    private static void ShouldTrainLikeTheDefinition(int[] sizes, ActivationFunction activation, int samples, int batchSize, int epochs, double learningRate, int seed)
    {
        Network network = TestNetworks.Random(sizes, activation, seed);
        Network reference = TestNetworks.Copy(network);
        Matrix x = TestData.RandomMatrix(samples, sizes[0], seed + 1);
        int[] labels = TestNetworks.Labels(samples, sizes[^1], seed + 2);

        // The learner's training first, on copies of the data: a method not written yet fails at once,
        // before the definition's training (numerical gradients) has run for nothing.
        List<double> losses = FastTraining.Train(network, x.Clone(), [.. labels], learningRate, epochs, batchSize);
        (List<double> expected, _) = TrainingByDefinition.Train(
            (batch, y) => TrainingByDefinition.CrossEntropy(TrainingByDefinition.Logits(reference, batch), y),
            TrainingByDefinition.Parameters(reference), x, labels, learningRate, epochs, batchSize);

        string run = $"{string.Join('-', sizes)} {activation}, {epochs} epoch(s) of {samples} samples in batches of {batchSize}";
        losses.ShouldNotBeNull();
        losses.ShouldBe(expected, TrainingByDefinition.Relative * Math.Max(1, expected.Max()), $"the loss of every batch before its step ({run})");
        TrainingByDefinition.ShouldMatch(TrainingByDefinition.Parameters(network), TrainingByDefinition.Parameters(reference), $"after {run}");
    }
}
