namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(4)]
public sealed class LossTests
{
    private const double Tolerance = 1e-12;

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_of_a_row_matches_known_values()
    {
        // e^1, e^2, e^3 divided by their sum (numpy).
        var expected = Matrix.FromRows([0.09003057317038046, 0.24472847105479767, 0.6652409557748219]);

        Loss.Softmax(Matrix.FromRows([1, 2, 3])).ShouldMatch(expected, Tolerance);
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_rows_are_positive_and_sum_to_one()
    {
        Matrix p = Loss.Softmax(TestData.RandomMatrix(6, 5, seed: 41));

        p.ShouldHaveShape(6, 5);
        for (int i = 0; i < p.Rows; i++)
        {
            p.Row(i).ToArray().ShouldAllBe(v => v > 0, $"row {i} of the softmax");
            p.Row(i).ToArray().Sum().ShouldBe(1.0, Tolerance, $"row {i} of the softmax should sum to 1");
        }
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_does_not_change_when_the_same_number_is_added_to_every_score_of_a_row()
    {
        Matrix z = TestData.RandomMatrix(3, 4, seed: 42);
        var shifted = new Matrix(z.Rows, z.Cols, [.. z.Data.Select((v, i) => v + (i / z.Cols * 100.0) - 50)]);

        Loss.Softmax(shifted).ShouldMatch(Loss.Softmax(z), 1e-12, "adding c to a row of scores multiplies numerator and denominator by e^c");
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_of_scores_of_plus_or_minus_1000_is_finite()
    {
        Matrix p = Loss.Softmax(Matrix.FromRows([1000, 0, -1000], [1000, 1000, -1000], [-1000, -1000, -1000]));

        p.ShouldMatch(Matrix.FromRows([1, 0, 0], [0.5, 0.5, 0], [1.0 / 3, 1.0 / 3, 1.0 / 3]), Tolerance, "e^1000 is infinity: subtract each row's maximum first");
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_does_not_change_its_input()
    {
        var z = Matrix.FromRows([1, 2, 3], [-1, 0, 1]);

        Loss.Softmax(z);

        z.ShouldMatch(Matrix.FromRows([1, 2, 3], [-1, 0, 1]), 0.0, "Softmax changed its argument");
    }

    [Grades("Loss.CrossEntropy")]
    [TestCase(0, 2.40760596444438)]
    [TestCase(1, 1.4076059644443801)]
    [TestCase(2, 0.4076059644443803)]
    public void CrossEntropy_of_one_sample_is_minus_log_of_the_probability_of_its_label(int label, double expected)
    {
        Loss.CrossEntropy(Matrix.FromRows([1, 2, 3]), [label]).ShouldBe(expected, Tolerance);
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_a_batch_is_the_mean_over_its_samples()
    {
        // Sample 1: −log softmax([1, 2, 3])[2] = 0.4076…; sample 2: equal scores, −log(1/3) = ln 3.
        var logits = Matrix.FromRows([1, 2, 3], [0, 0, 0]);

        Loss.CrossEntropy(logits, [2, 1]).ShouldBe((0.4076059644443803 + Math.Log(3)) / 2, Tolerance);
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_equal_scores_is_the_log_of_the_number_of_classes()
    {
        Loss.CrossEntropy(new Matrix(4, 5), [0, 1, 4, 2]).ShouldBe(Math.Log(5), Tolerance, "a network that knows nothing gives every class 1/5");
    }

    [Grades("Loss.CrossEntropy")]
    [TestCase(0, 0.0)]
    [TestCase(1, 2000.0)]
    [TestCase(2, 1000.0)]
    public void CrossEntropy_of_scores_of_plus_or_minus_1000_is_finite(int label, double expected)
    {
        double loss = Loss.CrossEntropy(Matrix.FromRows([1000, -1000, 0]), [label]);

        double.IsFinite(loss).ShouldBeTrue($"CrossEntropy returned {loss}: use log-sum-exp instead of the log of a softmax that rounded to 0");
        loss.ShouldBe(expected, 1e-9);
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_a_batch_shifts_each_row_by_its_own_maximum()
    {
        // The largest score of the whole batch is 1000, but row 2's largest is −1000: shifted by 1000,
        // every e^(z − 1000) of row 2 is e^−2000 = 0 and the log of their sum is −∞. Shifted by its own
        // maximum, row 2 is three equal scores: ln 3. Row 1 is sure of its label 0: 0.
        double loss = Loss.CrossEntropy(Matrix.FromRows([1000, 0, -1000], [-1000, -1000, -1000]), [0, 1]);

        double.IsFinite(loss).ShouldBeTrue($"CrossEntropy returned {loss}: shift each row by its own maximum before e^z (not by nothing, which overflows at 1000, and not by the largest score of the whole batch)");
        loss.ShouldBe(Math.Log(3) / 2, 1e-9);
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_of_a_batch_shifts_each_row_by_its_own_maximum()
    {
        // Row 1: softmax [1, 0, 0] minus one-hot 1; row 2: three equal scores minus one-hot 0; both / 2.
        Matrix gradient = Loss.CrossEntropyGradient(Matrix.FromRows([1000, -1000, 0], [-1000, -1000, -1000]), [1, 0]);

        const double Third = 1.0 / 3;
        gradient.ShouldMatch(
            Matrix.FromRows([0.5, -0.5, 0], [(Third - 1) / 2, Third / 2, Third / 2]),
            Tolerance,
            "each row is (its softmax, shifted by that row's own maximum, minus its one-hot label) / n: a row far below the batch's largest score is not all zeros");
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_is_softmax_minus_the_one_hot_label_divided_by_the_batch_size()
    {
        var logits = Matrix.FromRows([1, 2, 3], [0, 0, 0]);
        const double Third = 1.0 / 3;
        var expected = Matrix.FromRows(
            [0.09003057317038046 / 2, 0.24472847105479767 / 2, (0.6652409557748219 - 1) / 2],
            [Third / 2, (Third - 1) / 2, Third / 2]);

        Loss.CrossEntropyGradient(logits, [2, 1]).ShouldMatch(expected, Tolerance);
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_equals_the_numerical_gradient_of_CrossEntropy()
    {
        Matrix logits = TestData.RandomMatrix(3, 4, seed: 43);
        int[] labels = [3, 0, 2];

        Matrix analytic = Loss.CrossEntropyGradient(logits, labels);
        double[] numeric = Calculus.NumericalGradient(v => Loss.CrossEntropy(new Matrix(3, 4, v), labels), logits.Data);

        analytic.ShouldMatch(new Matrix(3, 4, numeric), 1e-8, "CrossEntropyGradient must match your checkpoint-2 NumericalGradient of CrossEntropy entry by entry (the loss is the mean over the batch)");
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_of_scores_of_plus_or_minus_1000_is_finite()
    {
        Loss.CrossEntropyGradient(Matrix.FromRows([1000, -1000, 0]), [1]).ShouldMatch(Matrix.FromRows([1, -1, 0]), Tolerance);
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_rejects_a_label_count_that_differs_from_the_batch()
    {
        Action loss = () => Loss.CrossEntropy(new Matrix(2, 4), [0, 1, 2]);
        loss.ShouldRejectWith(["CrossEntropy", "2x4"]);
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_rejects_a_label_that_is_not_a_class()
    {
        Action loss = () => Loss.CrossEntropy(new Matrix(2, 4), [0, 7]);
        loss.ShouldRejectWith(["CrossEntropy", "7"]);
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_rejects_a_label_equal_to_the_number_of_classes()
    {
        // Four classes are numbered 0 to 3: label 4 is one past the end.
        Action loss = () => Loss.CrossEntropy(new Matrix(2, 4), [0, 4]);
        loss.ShouldRejectWith(["CrossEntropy", "4"], "classes go from 0 to logits.Cols − 1: check label >= logits.Cols, not label > logits.Cols");
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_rejects_a_label_count_that_differs_from_the_batch()
    {
        Action gradient = () => Loss.CrossEntropyGradient(new Matrix(2, 4), [0]);
        gradient.ShouldRejectWith(["CrossEntropyGradient", "2x4"]);
    }
}
