using Kata.Core;

namespace Kata.Tests.Checkpoint13;

using Kata.TestSupport;
using NUnit.Framework;

/// <summary>
/// Checkpoint 4's graded run with your autograd in place of your hand-written backpropagation: the same
/// network, the same images and settings ("mnist" in curriculum.json), the same threshold, each batch one
/// <see cref="Autograd.TrainStep"/> with plain gradient descent. Graded like checkpoint 4's run: the grader
/// computes the accuracy outside its sandbox from the predictions the test reports.
/// </summary>
[Checkpoint(13)]
[Grades("Autograd.Forward", "Autograd.Backward", "Autograd.TrainStep")]
[TimeLimit(300)] // a guard against a loop that never ends, not a speed requirement
public sealed class AutogradMnistGradeTests
{
    [Test]
    [GradedRun("mnist-autograd")]
    public void Your_network_trained_through_your_autograd_classifies_the_MNIST_test_digits_better_than_the_threshold() =>
        GradedMnistRun.Run(
            GradedRunSpec.MnistAutograd,
            Train,
            KataMetrics.MnistAutogradAccuracy,
            "If the other checkpoint-13 tests pass, look at the gradients Autograd.Backward returns for the last layer first.");

    // Checkpoint 4's training loop, written here: batches in order, one Autograd.TrainStep with Sgd each.
    private static TrainedNetwork Train(Dataset all, MnistSettings settings)
    {
        (Matrix x, int[] y) = GradedMnistRun.Part(GradedRunSpec.MnistAutograd, settings, all);
        var network = new Network(settings.LayerSizes, settings.Seed, Enum.Parse<Activation>(settings.Activation));
        var sgd = new Sgd(settings.LearningRate);
        var losses = new List<double>();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            for (int start = 0; start < x.Rows; start += settings.BatchSize)
            {
                int size = Math.Min(settings.BatchSize, x.Rows - start);
                var batch = new Matrix(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
                losses.Add(Autograd.TrainStep(network, batch, y[start..(start + size)], sgd));
            }
        }

        return new TrainedNetwork(network, losses, settings.Epochs, $"trained through your autograd on {x.Rows:N0} images ({settings.Describe()})");
    }
}
