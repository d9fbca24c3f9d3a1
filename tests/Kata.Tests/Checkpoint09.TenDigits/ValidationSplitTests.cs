namespace Kata.Tests.Checkpoint09;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The validation split: the last samples of the training set, in order, and nothing else.</summary>
[Checkpoint(9)]
[Grades("Validation.Split")]
public sealed class ValidationSplitTests
{
    [Test]
    public void Split_keeps_the_last_samples_for_validation_and_the_others_for_training_in_order()
    {
        Dataset data = Numbered(10);

        (Dataset train, Dataset validation) = Validation.Split(data, 3);

        train.Labels.ShouldBe([0, 1, 2, 3, 4, 5, 6], "the first 7 samples train");
        validation.Labels.ShouldBe([7, 8, 9], "the last 3 samples validate");
        train.Images.ShouldMatch(Rows(data, 0, 7), 0, "training images: rows 0 to 6 of the data, with their labels");
        validation.Images.ShouldMatch(Rows(data, 7, 3), 0, "validation images: rows 7 to 9 of the data, with their labels");
    }

    [TestCase(2, 1)]
    [TestCase(25, 5)]
    [TestCase(25, 24)]
    public void Every_sample_is_in_exactly_one_part(int samples, int validationCount)
    {
        Dataset data = Numbered(samples);

        (Dataset train, Dataset validation) = Validation.Split(data, validationCount);

        train.Count.ShouldBe(samples - validationCount);
        validation.Count.ShouldBe(validationCount);
        int[] seen = [.. train.Labels, .. validation.Labels];
        seen.Order().ShouldBe(Enumerable.Range(0, samples), "each sample once, none twice, none left out");
        train.Labels.Intersect(validation.Labels).ShouldBeEmpty("no sample may be in both parts");
    }

    [Test]
    public void Split_gives_the_same_parts_every_time()
    {
        Dataset data = Numbered(12);

        (Dataset train1, Dataset validation1) = Validation.Split(data, 4);
        (Dataset train2, Dataset validation2) = Validation.Split(data, 4);

        train2.Labels.ShouldBe(train1.Labels);
        validation2.Labels.ShouldBe(validation1.Labels);
        train2.Images.ShouldMatch(train1.Images, 0);
        validation2.Images.ShouldMatch(validation1.Images, 0);
    }

    [Test]
    public void Split_copies_the_samples_and_leaves_the_data_unchanged()
    {
        Dataset data = Numbered(6);
        Matrix imagesBefore = data.Images.Clone();
        int[] labelsBefore = [.. data.Labels];

        (Dataset train, Dataset validation) = Validation.Split(data, 2);
        Array.Fill(train.Images.Data, -1.0);
        Array.Fill(validation.Images.Data, -1.0);
        Array.Fill(train.Labels, -1);
        Array.Fill(validation.Labels, -1);

        data.Images.ShouldMatch(imagesBefore, 0, "changing a part must not change the data it came from");
        data.Labels.ShouldBe(labelsBefore);
    }

    [TestCase(0)]
    [TestCase(8)]
    [TestCase(-1)]
    public void Split_refuses_a_validation_count_that_leaves_a_part_empty(int validationCount)
    {
        Dataset data = Numbered(8);

        Action split = () => Validation.Split(data, validationCount);

        split.ShouldRejectWith(["Split", validationCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "8"]);
    }

    // Sample i has the label i and the pixels 10·i, 10·i + 1, 10·i + 2: every row can be told apart.
    internal static Dataset Numbered(int samples)
    {
        var images = new Matrix(samples, 3);
        for (int i = 0; i < images.Data.Length; i++)
        {
            images.Data[i] = ((i / 3) * 10) + (i % 3);
        }

        return new Dataset(images, [.. Enumerable.Range(0, samples)]);
    }

    private static Matrix Rows(Dataset data, int start, int count) =>
        new(count, data.Images.Cols, data.Images.Data[(start * data.Images.Cols)..((start + count) * data.Images.Cols)]);
}
