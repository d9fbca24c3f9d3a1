namespace Kata.Tests.Checkpoint03;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(3)]
[Grades("Initialization.RandomWeights")]
public sealed class InitializationTests
{
    [Test]
    public void RandomWeights_has_shape_fanIn_by_fanOut()
    {
        Initialization.RandomWeights(7, 3, Activation.ReLU, new Random(1)).ShouldHaveShape(7, 3);
    }

    [Test]
    public void RandomWeights_for_ReLU_have_mean_zero_and_the_He_spread()
    {
        Matrix w = Initialization.RandomWeights(784, 128, Activation.ReLU, new Random(2));

        // He: variance 2 / fanIn. With 100,352 samples the sample statistics are within a few percent.
        Spread(w).Mean.ShouldBe(0.0, 0.005);
        Spread(w).StandardDeviation.ShouldBe(Math.Sqrt(2.0 / 784), 0.05 * Math.Sqrt(2.0 / 784));
    }

    [Test]
    public void RandomWeights_for_sigmoid_have_mean_zero_and_the_Xavier_spread()
    {
        Matrix w = Initialization.RandomWeights(300, 100, Activation.Sigmoid, new Random(3));

        // Xavier: variance 2 / (fanIn + fanOut).
        Spread(w).Mean.ShouldBe(0.0, 0.005);
        Spread(w).StandardDeviation.ShouldBe(Math.Sqrt(2.0 / 400), 0.05 * Math.Sqrt(2.0 / 400));
    }

    [Test]
    public void RandomWeights_are_not_all_equal()
    {
        Matrix w = Initialization.RandomWeights(10, 10, Activation.ReLU, new Random(4));

        w.Data.Distinct().Count().ShouldBeGreaterThan(90, "nearly every weight should differ: equal weights make every neuron learn the same thing");
    }

    [Test]
    public void RandomWeights_draw_from_the_random_generator_they_are_given()
    {
        Matrix first = Initialization.RandomWeights(5, 4, Activation.ReLU, new Random(99));
        Matrix again = Initialization.RandomWeights(5, 4, Activation.ReLU, new Random(99));

        again.ShouldMatch(first, 0.0, "the same generator state must give the same weights");
    }

    private static (double Mean, double StandardDeviation) Spread(Matrix w)
    {
        double mean = w.Data.Average();
        double variance = w.Data.Sum(x => (x - mean) * (x - mean)) / w.Data.Length;
        return (mean, Math.Sqrt(variance));
    }
}
