namespace Kata.Tests.Checkpoint12;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Beyond the product: <c>FastTraining.PredictConv</c> gives every image the class ConvNetwork.Predict
/// would — the largest logit of the network by definition, the first of equal ones — for batches of any
/// size, and leaves the network as it was.
/// </summary>
[Checkpoint(12)]
[Grades("FastTraining.PredictConv")]
public sealed class PredictConvTests
{
    [Test]
    public void PredictConv_picks_the_largest_logit_of_each_image()
    {
        ConvNetwork network = TrainConvTests.Network(new ImageShape(8, 8, 1), filters: 4, kernelSize: 3, [36, 6, 5], Activation.ReLU, seed: 1261);
        Matrix x = TestData.RandomMatrix(30, 64, seed: 1262);

        FastTraining.PredictConv(network, x).ShouldBe(LargestLogits(network, x), "the column of the largest logit of each image, by definition");
    }

    [Test]
    public void PredictConv_of_more_images_than_one_pass_holds_gives_one_class_per_image_in_order()
    {
        ConvNetwork network = TrainConvTests.Network(new ImageShape(5, 5, 2), filters: 3, kernelSize: 2, [12, 4], Activation.Sigmoid, seed: 1263);
        Matrix x = TestData.RandomMatrix(601, 50, seed: 1264);

        FastTraining.PredictConv(network, x).ShouldBe(LargestLogits(network, x), "601 images, in order: as many classes, each by definition");
    }

    [Test]
    public void PredictConv_takes_the_first_of_equal_largest_logits()
    {
        // Zero dense weights: every image's logits are the biases [0.5, 2, 2, −1], so class 1 and 2 tie.
        ConvNetwork network = TrainConvTests.Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 4], Activation.ReLU, seed: 1265);
        Array.Clear(network.Dense.Weights[0].Data);
        double[] biases = [0.5, 2, 2, -1];
        biases.CopyTo(network.Dense.Biases[0], 0);

        FastTraining.PredictConv(network, TestData.RandomMatrix(3, 36, seed: 1266)).ShouldBe([1, 1, 1], "of equal largest logits, the first column");
    }

    [Test]
    public void PredictConv_leaves_the_network_as_it_was()
    {
        ConvNetwork network = TrainConvTests.Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 3], Activation.ReLU, seed: 1267);
        IReadOnlyList<(string Name, double[] Values)> before = TrainConvTests.Copy(network);

        FastTraining.PredictConv(network, TestData.RandomMatrix(4, 36, seed: 1268));

        TrainingByDefinition.ShouldMatch(TrainingByDefinition.Parameters(network), before, "after PredictConv");
    }

    [Test]
    public void Images_of_the_wrong_size_are_rejected_naming_FastTraining_PredictConv()
    {
        ConvNetwork network = TrainConvTests.Network(new ImageShape(6, 6, 1), filters: 2, kernelSize: 3, [8, 3], Activation.ReLU, seed: 1269);

        Action predict = () => FastTraining.PredictConv(network, new Matrix(2, 35));
        predict.ShouldRejectWith(["FastTraining.PredictConv", "2x35"]);
    }

    // The first column of the largest logit by definition, row by row.
    private static int[] LargestLogits(ConvNetwork network, Matrix x)
    {
        Matrix logits = TrainingByDefinition.Logits(network, x);
        return [.. Enumerable.Range(0, logits.Rows).Select(i => Enumerable.Range(0, logits.Cols).Aggregate((best, j) => logits[i, j] > logits[i, best] ? j : best))];
    }
}
