namespace Kata.Tests.Checkpoint03;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(3)]
public sealed class ActivationTests
{
    private const double Tolerance = 1e-12;

    [Grades("Activations.Sigmoid")]
    [Test]
    public void Sigmoid_of_zero_is_one_half()
    {
        Activations.Sigmoid(0).ShouldBe(0.5, Tolerance);
    }

    [Grades("Activations.Sigmoid")]
    [TestCase(1.0, 0.7310585786300049)]
    [TestCase(-2.0, 0.11920292202211755)]
    [TestCase(5.0, 0.9933071490757153)]
    public void Sigmoid_matches_known_values(double z, double expected)
    {
        Activations.Sigmoid(z).ShouldBe(expected, Tolerance);
    }

    [Grades("Activations.Sigmoid")]
    [TestCase(0.3)]
    [TestCase(2.0)]
    [TestCase(7.5)]
    public void Sigmoid_is_symmetric_around_one_half(double z)
    {
        (Activations.Sigmoid(z) + Activations.Sigmoid(-z)).ShouldBe(1.0, Tolerance);
    }

    [Grades("Activations.Sigmoid")]
    [TestCase(1000.0, 1.0)]
    [TestCase(-1000.0, 0.0)]
    [TestCase(40.0, 1.0)]
    [TestCase(-40.0, 0.0)]
    public void Sigmoid_of_a_large_input_is_a_number_at_the_limit_not_NaN(double z, double limit)
    {
        double s = Activations.Sigmoid(z);

        double.IsNaN(s).ShouldBeFalse($"Sigmoid({z}) returned NaN");
        s.ShouldBe(limit, 1e-12);
    }

    [Grades("Activations.Sigmoid")]
    [Test]
    public void Sigmoid_stays_between_zero_and_one()
    {
        foreach (double z in Enumerable.Range(-60, 121).Select(i => i * 0.5))
        {
            double s = Activations.Sigmoid(z);
            s.ShouldBeInRange(0.0, 1.0, $"Sigmoid({z})");
        }
    }

    [Grades("Activations.ReLU")]
    [TestCase(-3.0, 0.0)]
    [TestCase(-0.001, 0.0)]
    [TestCase(0.0, 0.0)]
    [TestCase(0.25, 0.25)]
    [TestCase(42.0, 42.0)]
    public void ReLU_zeroes_negatives_and_keeps_positives(double z, double expected)
    {
        Activations.ReLU(z).ShouldBe(expected);
    }

    [Grades("Activations.Apply")]
    [Test]
    public void Apply_ReLU_works_on_every_entry_of_a_matrix()
    {
        var z = Matrix.FromRows([-1, 2], [3, -4]);

        Activations.Apply(z, Activation.ReLU).ShouldMatch(Matrix.FromRows([0, 2], [3, 0]), Tolerance);
    }

    [Grades("Activations.Apply")]
    [Test]
    public void Apply_Sigmoid_works_on_every_entry_of_a_matrix()
    {
        var z = Matrix.FromRows([0, 1], [-2, 5]);
        var expected = Matrix.FromRows([0.5, 0.7310585786300049], [0.11920292202211755, 0.9933071490757153]);

        Activations.Apply(z, Activation.Sigmoid).ShouldMatch(expected, Tolerance);
    }

    [Grades("Activations.Apply")]
    [Test]
    public void Apply_does_not_change_its_input()
    {
        var z = Matrix.FromRows([-1, 2], [3, -4]);

        Activations.Apply(z, Activation.ReLU);
        Activations.Apply(z, Activation.Sigmoid);

        z.ShouldMatch(Matrix.FromRows([-1, 2], [3, -4]), 0.0, "Apply changed its argument");
    }
}
