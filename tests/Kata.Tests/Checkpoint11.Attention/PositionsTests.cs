namespace Kata.Tests.Checkpoint11;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The sinusoidal positional encoding: PE[t, 2i] = sin(t·ω_i), PE[t, 2i + 1] = cos(t·ω_i), ω_i = 1/10000^(2i/width).</summary>
[Checkpoint(11)]
[Grades("Positions.Sinusoidal")]
public sealed class PositionsTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void Sinusoidal_has_a_row_per_position_and_a_column_per_feature()
    {
        Positions.Sinusoidal(7, 10).ShouldHaveShape(7, 10);
    }

    [Test]
    public void Sinusoidal_at_position_zero_is_sine_zero_and_cosine_one_in_turn()
    {
        Matrix pe = Positions.Sinusoidal(1, 6);

        pe.ShouldMatch(Matrix.FromRows([0, 1, 0, 1, 0, 1]), Tolerance, "sin(0) = 0 in the even columns, cos(0) = 1 in the odd ones");
    }

    [Test]
    public void Sinusoidal_matches_values_worked_out_by_hand()
    {
        // width 8: ω_i = 1/10000^(2i/8) for the pairs i = 0…3 → ω = 1, 0.1, 0.01, 0.001. Columns 2i and 2i + 1
        // share ω_i (the exponent uses 2i, the even column of the pair, not the column's own index).
        Matrix pe = Positions.Sinusoidal(6, 8);

        double[] omega = [1, 0.1, 0.01, 0.001];
        foreach (int t in new[] { 1, 5 })
        {
            double[] expected = [.. omega.SelectMany(w => new[] { Math.Sin(t * w), Math.Cos(t * w) })];
            pe.Row(t).ToArray().ShouldBe(expected, 1e-12, $"position {t}: [sin(t·1), cos(t·1), sin(t·0.1), cos(t·0.1), sin(t·0.01), …]");
        }
    }

    [Test]
    public void Every_position_has_the_same_length()
    {
        // sin² + cos² = 1 for each of the width/2 pairs: every row has length √(width/2).
        Matrix pe = Positions.Sinusoidal(50, 16);

        for (int t = 0; t < pe.Rows; t++)
        {
            Math.Sqrt(pe.Row(t).ToArray().Sum(x => x * x)).ShouldBe(Math.Sqrt(8), 1e-12, $"the length of row {t}");
        }
    }

    [Test]
    public void The_dot_product_of_two_positions_depends_only_on_their_distance()
    {
        // PE(s)·PE(t) = Σ_i sin(sω)sin(tω) + cos(sω)cos(tω) = Σ_i cos((s − t)·ω_i): attention can find "three
        // positions back" with the same query wherever it is.
        Matrix pe = Positions.Sinusoidal(12, 16);
        double Dot(int s, int t) => pe.Row(s).ToArray().Zip(pe.Row(t).ToArray(), (a, b) => a * b).Sum();

        for (int distance = 0; distance < 4; distance++)
        {
            for (int s = 1; s + distance < 12; s++)
            {
                Dot(s, s + distance).ShouldBe(Dot(0, distance), 1e-9, $"PE({s})·PE({s + distance}) and PE(0)·PE({distance}): both {distance} apart");
            }
        }
    }
}
