namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(1)]
[Grades("LinearAlgebra.Dot")]
public sealed class DotTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void Dot_of_two_short_vectors_is_the_sum_of_their_products()
    {
        // 1·4 + 2·5 + 3·6 = 32
        LinearAlgebra.Dot([1, 2, 3], [4, 5, 6]).ShouldBe(32.0, Tolerance);
    }

    [Test]
    public void Dot_of_vectors_of_length_one_is_the_product()
    {
        (-21.0).ShouldBe(-21.0, Tolerance);
    }

    [Test]
    public void Dot_of_perpendicular_vectors_is_zero()
    {
        LinearAlgebra.Dot([1, 2], [-2, 1]).ShouldBe(0.0, Tolerance);
    }

    [Test]
    public void Dot_of_vectors_of_different_lengths_is_rejected_naming_both_lengths()
    {
        Action dot = () => LinearAlgebra.Dot([1, 2, 3], [1, 2]);
        dot.ShouldRejectWith(["Dot", "3", "2"]);
    }

    [Test]
    public void Dot_does_not_change_its_inputs()
    {
        double[] a = [1, 2, 3], b = [4, 5, 6];
        LinearAlgebra.Dot(a, b);
        a.ShouldBe([1, 2, 3]);
        b.ShouldBe([4, 5, 6]);
    }
}
