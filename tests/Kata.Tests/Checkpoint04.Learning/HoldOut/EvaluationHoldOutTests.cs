namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests of prediction and accuracy with networks, samples and labels drawn at grade time
/// (<see cref="GradeTime"/>), against <see cref="Reference"/>'s forward pass and argmax. A drawn sample
/// whose two largest scores are closer than 1e-6 is drawn again, so rounding never decides the answer;
/// ties are drawn on purpose only where the first of them must win.
/// </summary>
[Checkpoint(4)]
[HoldOut]
public sealed class EvaluationHoldOutTests
{
    [Grades("Evaluation.Predict")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Predict_of_a_drawn_network_is_the_class_of_the_largest_reference_score(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        Network network = Reference.DrawNetwork(random, sizes, activation);
        (Matrix x, int[] expected) = DrawSamples(random, network, GradeTime.Between(random, 1, 30));

        network.Predict(x).ShouldBe(expected, $"the column of the largest score of each row of the logits of a [{string.Join(", ", sizes)}] {activation} network");
    }

    [Grades("Evaluation.Predict")]
    [Test]
    public void Predict_picks_the_first_of_drawn_equal_largest_scores()
    {
        // One layer with W = I and b = 0: the scores are the inputs, exactly. Each row gets its largest
        // score two or more times, at drawn places.
        Random random = GradeTime.Random();
        int classes = GradeTime.Between(random, 3, 9);
        var network = new Network([Matrix.Identity(classes)], [new double[classes]]);
        Matrix scores = GradeTime.Matrix(random, GradeTime.Between(random, 1, 12), classes, -5, 5);
        int[] expected = new int[scores.Rows];
        for (int i = 0; i < scores.Rows; i++)
        {
            double top = Reference.RowMax(scores, i) + GradeTime.Number(random, 0.5, 2);
            int[] places = [.. Enumerable.Range(0, classes).OrderBy(_ => random.Next()).Take(GradeTime.Between(random, 2, classes))];
            foreach (int j in places)
            {
                scores[i, j] = top;
            }

            expected[i] = places.Min();
        }

        network.Predict(scores).ShouldBe(expected, "of equal largest scores, the first column wins");
    }

    [Grades("Evaluation.Accuracy")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Accuracy_of_a_drawn_network_is_the_fraction_of_drawn_labels_it_predicts(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        Network network = Reference.DrawNetwork(random, sizes, activation);
        (Matrix x, int[] predicted) = DrawSamples(random, network, GradeTime.Between(random, 1, 40));

        // Each label is the predicted class or, about half the time, another one.
        int classes = sizes[^1];
        int[] labels = [.. predicted.Select(p => random.Next(2) == 0 ? p : (p + GradeTime.Between(random, 1, classes - 1)) % classes)];
        double expected = (double)predicted.Zip(labels).Count(pair => pair.First == pair.Second) / labels.Length;

        network.Accuracy(x, labels).ShouldBe(expected, 1e-15, $"{expected * labels.Length} of {labels.Length} samples are predicted right");
    }

    [Grades("Evaluation.Accuracy")]
    [Test]
    public void Accuracy_rejects_a_drawn_label_count_that_differs_from_the_samples()
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        Network network = Reference.DrawNetwork(random, sizes, Activation.ReLU);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 2, 20), sizes[0]);
        int count = random.Next(2) == 0 ? GradeTime.Between(random, 1, x.Rows - 1) : x.Rows + GradeTime.Between(random, 1, 5);
        int[] labels = Reference.DrawLabels(random, count, sizes[^1]);

        Action accuracy = () => network.Accuracy(x, labels);
        accuracy.ShouldRejectWith(["Accuracy", x.Shape], $"{count} labels for {x.Rows} samples cannot be compared one to one");
    }

    // n samples of the network's input size, each with its reference prediction; a sample whose two largest
    // scores are within 1e-6 of each other is drawn again.
    private static (Matrix X, int[] Predicted) DrawSamples(Random random, Network network, int n)
    {
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        var x = new Matrix(n, weights[0].Rows);
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++)
        {
            Matrix row, logits;
            do
            {
                row = GradeTime.Matrix(random, 1, x.Cols);
                logits = Reference.Logits(weights, biases, network.HiddenActivation, row);
            }
            while (Reference.Gap(logits, 0) < 1e-6);

            row.Data.CopyTo(x.Row(i));
            predicted[i] = Reference.ArgMax(logits, 0);
        }

        return (x, predicted);
    }
}
