namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(4)]
public sealed class EvaluationTests
{
    // One layer with W = I and b = 0: the scores are the inputs themselves.
    private static Network PassThrough(int n) => new([Matrix.Identity(n)], [new double[n]]);

    [Grades("Evaluation.Predict")]
    [Test]
    public void Predict_picks_the_class_with_the_largest_score_in_each_row()
    {
        var scores = Matrix.FromRows([0.1, 0.7, 0.2], [3, -1, 2], [-5, -4, -6]);

        PassThrough(3).Predict(scores).ShouldBe([1, 0, 1]);
    }

    [Grades("Evaluation.Predict")]
    [Test]
    public void Predict_picks_the_first_of_equal_largest_scores()
    {
        PassThrough(3).Predict(Matrix.FromRows([2, 5, 5], [0, 0, 0])).ShouldBe([1, 0]);
    }

    [Grades("Evaluation.Accuracy")]
    [Test]
    public void Accuracy_is_the_fraction_of_samples_predicted_right()
    {
        var scores = Matrix.FromRows([1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]);

        PassThrough(3).Accuracy(scores, [0, 1, 2, 2]).ShouldBe(0.75, 1e-15);
    }

    [Grades("Evaluation.Accuracy")]
    [Test]
    public void Accuracy_is_zero_when_every_prediction_is_wrong()
    {
        PassThrough(2).Accuracy(Matrix.FromRows([1, 0], [0, 1]), [1, 0]).ShouldBe(0.0, 1e-15);
    }

    [Grades("Evaluation.Accuracy")]
    [TestCase(2)]
    [TestCase(4)]
    public void Accuracy_rejects_a_label_count_that_differs_from_the_samples(int labelCount)
    {
        var scores = Matrix.FromRows([1, 0], [0, 1], [1, 0]);
        int[] labels = new int[labelCount];

        // 3 samples: with 2 labels a third prediction has nothing to be compared with, with 4 a label has no sample.
        Action accuracy = () => PassThrough(2).Accuracy(scores, labels);
        accuracy.ShouldRejectWith(["Accuracy", "3x2"]);
    }
}
