namespace Kata.Tests.Checkpoint11;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>Scaled dot-product attention, softmax(Q·Kᵀ/√d)·V, with and without the causal mask.</summary>
[Checkpoint(11)]
public sealed class ScaledDotProductTests
{
    private const double Tolerance = 1e-12;

    // The hand-worked example: two positions, d = 2.
    //   Q = [[1, 1], [1, −1]]     K = [[1, 0], [2, 1]]     V = [[2, 0], [0, 4]]
    //   Q·Kᵀ = [[1·1 + 1·0, 1·2 + 1·1], [1·1 − 1·0, 1·2 − 1·1]] = [[1, 3], [1, 1]]
    //   S = Q·Kᵀ/√2 = [[1/√2, 3/√2], [1/√2, 1/√2]]
    //   row 0: softmax([1/√2, 3/√2]) = [σ(−√2), σ(√2)] = [0.1956…, 0.8044…]   (the difference is 2/√2 = √2)
    //   row 1: two equal scores → [½, ½]
    //   output row 0 = σ(−√2)·[2, 0] + σ(√2)·[0, 4] = [2σ(−√2), 4σ(√2)];  row 1 = ½·[2, 0] + ½·[0, 4] = [1, 2]
    //   causal: row 0 may only look at itself → weights [1, 0], output [2, 0]; row 1 sees both, as before.
    private static readonly Matrix Q = Matrix.FromRows([1, 1], [1, -1]);
    private static readonly Matrix K = Matrix.FromRows([1, 0], [2, 1]);
    private static readonly Matrix V = Matrix.FromRows([2, 0], [0, 4]);

    private static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

    [Grades("Attention.Scores")]
    [Test]
    public void Scores_of_the_hand_worked_example_are_Q_times_K_transposed_over_root_d()
    {
        Matrix scores = Attention.Scores(Q, K);

        double r = 1 / Math.Sqrt(2);
        scores.ShouldMatch(Matrix.FromRows([r, 3 * r], [r, r]), Tolerance, "S[i, j] = (query i · key j) / √d with d = 2 (Q·K without the transpose gives [[3, 1], [−1, −1]] / √2; without / √2, [[1, 3], [1, 1]])");
    }

    [Grades("Attention.Scores")]
    [Test]
    public void Scores_have_a_row_per_query_and_a_column_per_key()
    {
        Matrix scores = Attention.Scores(TestData.RandomMatrix(3, 4, seed: 1101), TestData.RandomMatrix(5, 4, seed: 1102));

        scores.ShouldHaveShape(3, 5);
    }

    [Grades("Attention.Scores")]
    [TestCase(16)]
    [TestCase(256)]
    public void Scores_of_unit_variance_queries_and_keys_keep_unit_variance_whatever_d(int d)
    {
        // Each entry of Q·Kᵀ is a sum of d products of unit-variance numbers: its variance is d. Dividing by √d
        // brings it back to 1 (dividing by d would bring it to 1/d).
        Matrix scores = Attention.Scores(UnitVariance(24, d, seed: 1103), UnitVariance(24, d, seed: 1104));

        double mean = scores.Data.Average(), variance = scores.Data.Average(s => (s - mean) * (s - mean));
        variance.ShouldBeInRange(0.7, 1.4, $"the variance of the scores with d = {d}");
    }

    [Grades("Attention.Scores", "Attention.Softmax")]
    [Test]
    public void With_d_of_256_the_scaling_keeps_the_softmax_from_saturating()
    {
        // Unscaled, the scores would spread like √256 = 16: each row's softmax would put nearly all its weight
        // (about 0.93 on average) on one key, and its gradient would vanish. Scaled, the largest weight of a
        // row of 16 is about 0.25 on average; divided by d instead of √d, every weight would be near 1/16.
        Matrix weights = Attention.Softmax(Attention.Scores(UnitVariance(16, 256, seed: 1105), UnitVariance(16, 256, seed: 1106)), causal: false);

        double largest = Enumerable.Range(0, weights.Rows).Average(r => weights.Row(r).ToArray().Max());
        largest.ShouldBeInRange(0.12, 0.6, "the mean over the rows of the largest attention weight");
    }

    [Grades("Attention.Softmax")]
    [Test]
    public void Softmax_of_the_hand_worked_scores_weighs_each_row()
    {
        double r = 1 / Math.Sqrt(2);

        Matrix weights = Attention.Softmax(Matrix.FromRows([r, 3 * r], [r, r]), causal: false);

        weights.ShouldMatch(Matrix.FromRows([Sigma(-Math.Sqrt(2)), Sigma(Math.Sqrt(2))], [0.5, 0.5]), Tolerance, "the softmax of each row (a softmax down the columns gives [[0.5, 0.8044…], [0.5, 0.1956…]])");
    }

    [Grades("Attention.Softmax")]
    [TestCase(false)]
    [TestCase(true)]
    public void Softmax_gives_every_row_weights_that_sum_to_one(bool causal)
    {
        Matrix scores = TestData.RandomMatrix(5, 7, seed: 1107);

        Matrix weights = Attention.Softmax(scores, causal);

        weights.ShouldHaveShape(5, 7);
        for (int i = 0; i < weights.Rows; i++)
        {
            double[] row = weights.Row(i).ToArray();
            row.Sum().ShouldBe(1.0, 1e-12, $"row {i} of the weights should sum to 1{(causal ? " with the mask too: mask before the softmax, not after, and only the later positions (j > i): each position sees itself" : string.Empty)}");
            row.ShouldAllBe(w => w >= 0 && w <= 1, $"row {i}: every weight is between 0 and 1");
        }
    }

    [Grades("Attention.Softmax")]
    [Test]
    public void Softmax_with_the_causal_mask_gives_later_positions_exactly_zero_weight()
    {
        Matrix weights = Attention.Softmax(TestData.RandomMatrix(4, 4, seed: 1108), causal: true);

        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                if (j > i)
                {
                    weights[i, j].ShouldBe(0.0, $"weight [{i}, {j}]: position {i} may not look at the later position {j} (set the score to −∞ before the softmax)");
                }
                else
                {
                    weights[i, j].ShouldBeGreaterThan(0.0, $"weight [{i}, {j}]: position {i} may look at itself and every earlier position");
                }
            }
        }
    }

    [Grades("Attention.Softmax")]
    [TestCase(false)]
    [TestCase(true)]
    public void Softmax_of_huge_scores_stays_finite(bool causal)
    {
        Matrix weights = Attention.Softmax(Matrix.FromRows([1000, -1000, 1000], [-1000, 1000, 999], [0, -1000, 1000]), causal);

        double half = 0.5, e = Sigma(1);
        Matrix expected = causal
            ? Matrix.FromRows([1, 0, 0], [0, 1, 0], [0, 0, 1])
            : Matrix.FromRows([half, 0, half], [0, e, 1 - e], [0, 0, 1]);
        weights.ShouldMatch(
            expected,
            1e-12,
            "e^1000 is infinity in a double: reuse your stable Loss.Softmax, which subtracts each row's maximum first"
                + (causal ? "; with the mask, each row keeps its own position, since a row of nothing but −∞ has no maximum to subtract and gives NaN" : string.Empty));
    }

    [Grades("Attention.Softmax")]
    [Test]
    public void Softmax_leaves_the_scores_alone()
    {
        Matrix scores = TestData.RandomMatrix(3, 3, seed: 1109);
        Matrix copy = scores.Clone();

        Attention.Softmax(scores, causal: true);

        scores.ShouldMatch(copy, 0.0, "mask a copy of the scores, not the caller's matrix");
    }

    [Grades("Attention.Attend")]
    [TestCase(false)]
    [TestCase(true)]
    public void Attend_of_the_hand_worked_example(bool causal)
    {
        Matrix output = Attention.Attend(Q, K, V, causal);

        Matrix expected = causal
            ? Matrix.FromRows([2, 0], [1, 2])
            : Matrix.FromRows([2 * Sigma(-Math.Sqrt(2)), 4 * Sigma(Math.Sqrt(2))], [1, 2]);
        output.ShouldMatch(expected, Tolerance, "softmax(Q·Kᵀ/√2)·V, worked out in the test's comments");
    }

    [Grades("Attention.Attend")]
    [Test]
    public void Attend_gives_a_row_per_query_and_a_column_per_value_feature()
    {
        Matrix output = Attention.Attend(TestData.RandomMatrix(3, 2, seed: 1110), TestData.RandomMatrix(4, 2, seed: 1111), TestData.RandomMatrix(4, 5, seed: 1112), causal: false);

        output.ShouldHaveShape(3, 5);
    }

    [Grades("Attention.Attend")]
    [Test]
    public void Attend_with_equal_keys_averages_the_values()
    {
        // Every key the same: every score of a row is the same, every weight 1/4, every output row the mean of V's rows.
        var keys = Matrix.FromRows([0.3, -1], [0.3, -1], [0.3, -1], [0.3, -1]);
        var values = Matrix.FromRows([1, 10, 100], [2, 20, 200], [3, 30, 300], [6, 60, 600]);

        Matrix output = Attention.Attend(TestData.RandomMatrix(2, 2, seed: 1113), keys, values, causal: false);

        output.ShouldMatch(Matrix.FromRows([3, 30, 300], [3, 30, 300]), 1e-12, "each output row is the mean of the rows of V");
    }

    // A rows x cols matrix of seeded numbers with mean 0 and variance 1 (uniform on [−√3, √3]).
    private static Matrix UnitVariance(int rows, int cols, int seed)
    {
        Matrix m = TestData.RandomMatrix(rows, cols, seed);
        for (int i = 0; i < m.Data.Length; i++)
        {
            m.Data[i] *= Math.Sqrt(3) / 2;
        }

        return m;
    }
}
