using Kata.Core;

namespace Kata.Tests.Checkpoint4;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The summit: your network, trained by your backpropagation on real MNIST images, must classify the
/// official test images of the chosen digits. The threshold and every training setting come from the
/// "mnist" object in curriculum.json. The data comes from $MNIST_DIR or the cache `./kata data` fills.
/// </summary>
[Checkpoint(4)]
[Grades("Training.Train")]
[TimeLimit(300)] // a guard against a loop that never ends, not a speed requirement
public sealed class MnistGradeTests
{
    [Test]
    [GradedRun("mnist")]
    public void Your_network_classifies_the_MNIST_test_digits_better_than_the_threshold() =>
        GradedMnistRun.Run(GradedRunSpec.Mnist);
}
