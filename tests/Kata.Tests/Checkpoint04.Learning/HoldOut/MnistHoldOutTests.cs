using System.Globalization;
using System.Text.RegularExpressions;

namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests of the IDX reader on files written here with a drawn count, drawn image sizes and drawn
/// bytes (<see cref="GradeTime"/>), raw and gzipped: what the reader returns is compared with what the test
/// wrote. Each test writes into a folder of its own under the temp folder and deletes it.
/// </summary>
[Checkpoint(4)]
[HoldOut]
public sealed class MnistHoldOutTests
{
    [Grades("Mnist.ReadImages")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadImages_of_a_drawn_file_gives_every_pixel_over_255_one_image_per_row(bool gzipped)
    {
        Random random = GradeTime.Random();
        int count = GradeTime.Between(random, 1, 40), rows = GradeTime.Between(random, 1, 28), cols = GradeTime.Between(random, 1, 28);
        byte[] pixels = Bytes(random, count * rows * cols);
        var expected = new Matrix(count, rows * cols, [.. pixels.Select(p => p / 255.0)]);

        InFolder(folder =>
        {
            string path = Write(folder, "images", IdxFiles.Bytes(Mnist.ImagesMagic, [count, rows, cols], pixels), gzipped);

            Mnist.ReadImages(path).ShouldMatch(
                expected,
                1e-15,
                $"{count} images of {rows}x{cols} pixels ({(gzipped ? "gzipped" : "raw")}): one image per row, pixel / 255");
        });
    }

    [Grades("Mnist.ReadLabels")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadLabels_of_a_drawn_file_gives_every_label_in_file_order(bool gzipped)
    {
        Random random = GradeTime.Random();
        byte[] labels = Bytes(random, GradeTime.Between(random, 1, 600));
        int[] expected = [.. labels.Select(b => (int)b)];

        InFolder(folder =>
        {
            string path = Write(folder, "labels", IdxFiles.Bytes(Mnist.LabelsMagic, [labels.Length], labels), gzipped);

            Mnist.ReadLabels(path).ShouldBe(expected, $"{labels.Length} labels ({(gzipped ? "gzipped" : "raw")}), each a number from 0 to 255");
        });
    }

    [Grades("Mnist.ReadImages")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadImages_rejects_a_drawn_file_with_fewer_pixels_than_its_header_promises(bool gzipped)
    {
        Random random = GradeTime.Random();
        int count = GradeTime.Between(random, 1, 20), rows = GradeTime.Between(random, 1, 12), cols = GradeTime.Between(random, 1, 12);
        byte[] pixels = Bytes(random, (count * rows * cols) - GradeTime.Between(random, 1, count * rows * cols));

        InFolder(folder =>
        {
            string path = Write(folder, "short-images", IdxFiles.Bytes(Mnist.ImagesMagic, [count, rows, cols], pixels), gzipped);

            FileAssertions.ShouldRejectFile(() => Mnist.ReadImages(path), path, "truncated");
        });
    }

    [Grades("Mnist.ReadLabels")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadLabels_rejects_a_drawn_file_with_fewer_labels_than_its_header_promises(bool gzipped)
    {
        Random random = GradeTime.Random();
        int count = GradeTime.Between(random, 1, 200);
        byte[] labels = Bytes(random, count - GradeTime.Between(random, 1, count));

        InFolder(folder =>
        {
            string path = Write(folder, "short-labels", IdxFiles.Bytes(Mnist.LabelsMagic, [count], labels), gzipped);

            FileAssertions.ShouldRejectFile(() => Mnist.ReadLabels(path), path, "truncated");
        });
    }

    [Grades("Mnist.Load")]
    [TestCase(false)]
    [TestCase(true)]
    public void Load_keeps_the_samples_of_drawn_digits_in_file_order_and_numbers_them_by_position(bool gzipped)
    {
        Random random = GradeTime.Random();
        int count = GradeTime.Between(random, 1, 60), rows = GradeTime.Between(random, 1, 6), cols = GradeTime.Between(random, 1, 6);
        byte[] pixels = Bytes(random, count * rows * cols);
        byte[] digitsOfFile = [.. Enumerable.Range(0, count).Select(_ => (byte)GradeTime.Between(random, 0, 9))];
        int[] digits = [.. Enumerable.Range(0, 10).OrderBy(_ => random.Next()).Take(GradeTime.Between(random, 1, 5))];
        digitsOfFile[GradeTime.Between(random, 0, count - 1)] = (byte)digits[GradeTime.Between(random, 0, digits.Length - 1)]; // at least one sample is kept

        int[] kept = [.. Enumerable.Range(0, count).Where(i => digits.Contains(digitsOfFile[i]))];
        int[] expectedClasses = [.. kept.Select(i => Array.IndexOf(digits, (int)digitsOfFile[i]))];
        int size = rows * cols;
        var expectedImages = new Matrix(kept.Length, size, [.. kept.SelectMany(i => pixels[(i * size)..((i + 1) * size)]).Select(p => p / 255.0)]);

        InFolder(folder =>
        {
            string images = Write(folder, "images", IdxFiles.Bytes(Mnist.ImagesMagic, [count, rows, cols], pixels), gzipped);
            string labels = Write(folder, "labels", IdxFiles.Bytes(Mnist.LabelsMagic, [count], digitsOfFile), gzipped);

            Dataset data = Mnist.Load(images, labels, digits);

            string keep = $"digits [{string.Join(", ", digits)}] of the file's [{string.Join(", ", digitsOfFile)}]";
            data.Labels.ShouldBe(expectedClasses, $"{keep}: each kept sample's class is the position of its digit in digits");
            data.Images.ShouldMatch(expectedImages, 1e-15, $"{keep}: the images of the kept samples, in file order");
        });
    }

    [Grades("Mnist.Load")]
    [Test]
    public void Load_rejects_drawn_files_of_different_counts_and_gives_both()
    {
        Random random = GradeTime.Random();
        int imageCount = GradeTime.Between(random, 2, 40), rows = GradeTime.Between(random, 1, 5), cols = GradeTime.Between(random, 1, 5);
        int labelCount = random.Next(2) == 0 ? GradeTime.Between(random, 1, imageCount - 1) : imageCount + GradeTime.Between(random, 1, 20);
        byte[] pixels = Bytes(random, imageCount * rows * cols);
        byte[] digits = [.. Enumerable.Range(0, labelCount).Select(i => (byte)(i % 2))];

        InFolder(folder =>
        {
            string images = Write(folder, "images", IdxFiles.Bytes(Mnist.ImagesMagic, [imageCount, rows, cols], pixels), gzipped: false);
            string labels = Write(folder, "labels", IdxFiles.Bytes(Mnist.LabelsMagic, [labelCount], digits), gzipped: false);

            string message = FileAssertions.ShouldRejectFile(() => Mnist.Load(images, labels, [0, 1]), images);
            bool namesBoth = message.Contains(Path.GetFileName(labels), StringComparison.Ordinal);
            bool givesCounts = Regex.IsMatch(message, $@"\b{imageCount.ToString(CultureInfo.InvariantCulture)}\b")
                && Regex.IsMatch(message, $@"\b{labelCount.ToString(CultureInfo.InvariantCulture)}\b");
            if (!namesBoth || !givesCounts)
            {
                Assert.Fail($"The message should name both files and give both counts ({imageCount} images, {labelCount} labels), but was \"{message}\".");
            }
        });
    }

    private static byte[] Bytes(Random random, int n)
    {
        byte[] bytes = new byte[n];
        random.NextBytes(bytes);
        return bytes;
    }

    // Runs the test in a new folder under the temp folder (no digits in its name, so counts in a message
    // can be recognised) and deletes it afterwards, whatever happened.
    private static void InFolder(Action<string> test)
    {
        string folder = FileAssertions.NewFolder("kata-idx-");
        try
        {
            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }


    private static string Write(string folder, string name, byte[] content, bool gzipped) => IdxFiles.Write(folder, name, content, gzipped);
}
