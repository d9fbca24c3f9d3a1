namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests of softmax and cross-entropy on logits and labels drawn at grade time
/// (<see cref="GradeTime"/>), compared with <see cref="Reference"/>'s log-sum-exp, computed before the
/// learner's method runs. Some batches put each row around its own far-off level (up to ±900), where
/// only a shift by the row's own maximum stays finite.
/// </summary>
[Checkpoint(4)]
[HoldOut]
public sealed class LossHoldOutTests
{
    private const double Tolerance = 1e-12;

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_of_drawn_logits_matches_the_definition_row_by_row()
    {
        Random random = GradeTime.Random();
        Matrix logits = GradeTime.Matrix(random, GradeTime.Between(random, 1, 8), GradeTime.Between(random, 1, 9), -6, 6);
        Matrix before = logits.Clone();
        Matrix expected = Reference.Softmax(logits);

        Matrix p = Loss.Softmax(logits);

        p.ShouldMatch(expected, Tolerance, "p[i, j] = e^z[i, j] / Σ_k e^z[i, k]");
        logits.ShouldMatch(before, 0.0, "Softmax changed its argument");
    }

    [Grades("Loss.Softmax")]
    [Test]
    public void Softmax_of_drawn_rows_far_apart_shifts_each_row_by_its_own_maximum()
    {
        Random random = GradeTime.Random();
        Matrix logits = DrawFarApart(random, spread: 8);
        Matrix expected = Reference.Softmax(logits);

        Loss.Softmax(logits).ShouldMatch(
            expected,
            1e-11,
            "every row lies around its own level, up to ±900, where e^z overflows or underflows: subtract each row's own maximum before Exp");
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_drawn_logits_and_labels_is_the_mean_of_log_sum_exp_minus_the_label_score()
    {
        Random random = GradeTime.Random();
        Matrix logits = GradeTime.Matrix(random, GradeTime.Between(random, 1, 12), GradeTime.Between(random, 2, 9), -6, 6);
        int[] labels = Reference.DrawLabels(random, logits.Rows, logits.Cols);
        double expected = Reference.CrossEntropy(logits, labels);

        Loss.CrossEntropy(logits, labels).ShouldBe(expected, Tolerance * Math.Max(1, expected), "(1/n) Σ_i −log p[i, labels[i]]");
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_of_drawn_widely_spread_logits_stays_finite_and_exact()
    {
        // Scores hundreds apart within a row, and in a drawn row a label score more than 760 below another:
        // its probability e^−760 / Σ rounds to 0, and −log of it is infinite. log Σ e^z − z_label
        // (log-sum-exp) is not.
        Random random = GradeTime.Random();
        Matrix logits = DrawFarApart(random, spread: 500);
        int[] labels = Reference.DrawLabels(random, logits.Rows, logits.Cols);
        int row = GradeTime.Between(random, 0, logits.Rows - 1), above = (labels[row] + GradeTime.Between(random, 1, logits.Cols - 1)) % logits.Cols;
        logits[row, labels[row]] = -GradeTime.Number(random, 380, 450);
        logits[row, above] = GradeTime.Number(random, 380, 450);
        double expected = Reference.CrossEntropy(logits, labels);

        double loss = Loss.CrossEntropy(logits, labels);

        double.IsFinite(loss).ShouldBeTrue($"CrossEntropy returned {loss}: use log-sum-exp, shifted by each row's own maximum, not the log of a softmax");
        loss.ShouldBe(expected, 1e-11 * Math.Max(1, expected));
    }

    [Grades("Loss.CrossEntropy")]
    [Test]
    public void CrossEntropy_rejects_a_drawn_label_that_is_not_a_class_and_a_drawn_wrong_count()
    {
        Random random = GradeTime.Random();
        Matrix logits = GradeTime.Matrix(random, GradeTime.Between(random, 2, 8), GradeTime.Between(random, 2, 9));
        int[] labels = Reference.DrawLabels(random, logits.Rows, logits.Cols);
        int wrong = logits.Cols + GradeTime.Between(random, 0, 20);
        labels[GradeTime.Between(random, 0, labels.Length - 1)] = wrong;
        int[] tooMany = Reference.DrawLabels(random, logits.Rows + GradeTime.Between(random, 1, 4), logits.Cols);

        Action badLabel = () => Loss.CrossEntropy(logits, labels);
        badLabel.ShouldRejectWith(["CrossEntropy", logits.Shape, wrong.ToString(System.Globalization.CultureInfo.InvariantCulture)], $"label {wrong} is not one of the {logits.Cols} classes (0 to {logits.Cols - 1})");
        Action badCount = () => Loss.CrossEntropy(logits, tooMany);
        badCount.ShouldRejectWith(["CrossEntropy", logits.Shape], $"{tooMany.Length} labels for {logits.Rows} rows");
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_of_drawn_logits_and_labels_is_softmax_minus_one_hot_over_n()
    {
        Random random = GradeTime.Random();
        Matrix logits = GradeTime.Matrix(random, GradeTime.Between(random, 1, 12), GradeTime.Between(random, 2, 9), -6, 6);
        int[] labels = Reference.DrawLabels(random, logits.Rows, logits.Cols);
        Matrix before = logits.Clone();
        Matrix expected = Reference.CrossEntropyGradient(logits, labels);

        Loss.CrossEntropyGradient(logits, labels).ShouldMatch(expected, Tolerance, "(p[i, j] − [j == labels[i]]) / n");
        logits.ShouldMatch(before, 0.0, "CrossEntropyGradient changed its argument");
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_of_drawn_rows_far_apart_shifts_each_row_by_its_own_maximum()
    {
        Random random = GradeTime.Random();
        Matrix logits = DrawFarApart(random, spread: 20);
        int[] labels = Reference.DrawLabels(random, logits.Rows, logits.Cols);
        Matrix expected = Reference.CrossEntropyGradient(logits, labels);

        Loss.CrossEntropyGradient(logits, labels).ShouldMatch(
            expected,
            1e-11,
            "every row lies around its own level, up to ±900: its softmax must subtract that row's own maximum");
    }

    [Grades("Loss.CrossEntropyGradient")]
    [Test]
    public void CrossEntropyGradient_rejects_a_drawn_wrong_count_and_a_drawn_label_that_is_not_a_class()
    {
        Random random = GradeTime.Random();
        Matrix logits = GradeTime.Matrix(random, GradeTime.Between(random, 2, 8), GradeTime.Between(random, 2, 9));
        int[] tooFew = Reference.DrawLabels(random, GradeTime.Between(random, 1, logits.Rows - 1), logits.Cols);
        int[] labels = Reference.DrawLabels(random, logits.Rows, logits.Cols);
        labels[GradeTime.Between(random, 0, labels.Length - 1)] = logits.Cols + GradeTime.Between(random, 0, 20);

        Action badCount = () => Loss.CrossEntropyGradient(logits, tooFew);
        badCount.ShouldRejectWith(["CrossEntropyGradient", logits.Shape], $"{tooFew.Length} labels for {logits.Rows} rows");
        Action badLabel = () => Loss.CrossEntropyGradient(logits, labels);
        badLabel.ShouldRejectWith(["CrossEntropyGradient", logits.Shape], $"a label of {logits.Cols} or more is not one of the {logits.Cols} classes");
    }

    // 2–8 rows of 2–9 scores: each row a drawn level in [−900, 900) plus scores within ±spread of it.
    private static Matrix DrawFarApart(Random random, double spread)
    {
        var logits = new Matrix(GradeTime.Between(random, 2, 8), GradeTime.Between(random, 2, 9));
        for (int i = 0; i < logits.Rows; i++)
        {
            double level = GradeTime.Number(random, -900 + spread, 900 - spread);
            for (int j = 0; j < logits.Cols; j++)
            {
                logits[i, j] = level + GradeTime.Number(random, -spread, spread);
            }
        }

        return logits;
    }
}
