using System.Text.RegularExpressions;

namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The IDX reader, on small files written by the test: exact when valid, a clear sentence when not.</summary>
[Checkpoint(4)]
public sealed class MnistReaderTests
{
    // Three 2x3 images: the pixels 0, 51, 102, … 255 scale to 0, 0.2, 0.4, … 1.
    private static readonly byte[] Pixels = [0, 51, 102, 153, 204, 255, 255, 204, 153, 102, 51, 0, 1, 2, 3, 4, 5, 6];

    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        // A folder name without digits, so that the counts in an error message can be recognised.
        _dir = FileAssertions.NewFolder("kata-idx-");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Grades("Mnist.ReadImages")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadImages_reads_every_pixel_scaled_to_between_0_and_1(bool gzipped)
    {
        string path = Write("images", IdxFiles.Bytes(Mnist.ImagesMagic, [3, 2, 3], Pixels), gzipped);

        Matrix images = Mnist.ReadImages(path);

        images.ShouldMatch(new Matrix(3, 6, [.. Pixels.Select(p => p / 255.0)]), 1e-15, $"one image per row, pixel / 255 ({(gzipped ? "gzipped" : "raw")} file)");
    }

    [Grades("Mnist.ReadLabels")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadLabels_reads_every_label(bool gzipped)
    {
        string path = Write("labels", IdxFiles.Bytes(Mnist.LabelsMagic, [5], [7, 0, 9, 3, 255]), gzipped);

        Mnist.ReadLabels(path).ShouldBe([7, 0, 9, 3, 255]);
    }

    [Grades("Mnist.ReadImages", "Mnist.ReadLabels")]
    [Test]
    public void A_file_of_one_image_and_one_label_is_read_like_any_other()
    {
        string images = Write("one-image", IdxFiles.Bytes(Mnist.ImagesMagic, [1, 2, 2], [0, 51, 102, 255]));
        string labels = Write("one-label", IdxFiles.Bytes(Mnist.LabelsMagic, [1], [9]));

        Mnist.ReadImages(images).ShouldMatch(Matrix.FromRows([0, 0.2, 0.4, 1]), 1e-15, "a file may hold a single image");
        Mnist.ReadLabels(labels).ShouldBe([9], "a file may hold a single label");
    }

    [Grades("Mnist.ReadImages")]
    [Test]
    public void ReadImages_rejects_a_file_too_short_to_hold_a_magic_number()
    {
        // Three bytes: not even the 4 of the magic number. Reading it must not crash with an index error.
        string path = Write("three-bytes", [0, 0, 8]);

        FileAssertions.ShouldRejectFile(() => Mnist.ReadImages(path), path, "truncated");
    }

    [Grades("Mnist.ReadImages")]
    [Test]
    public void ReadImages_rejects_a_label_file_and_says_magic()
    {
        // 20 bytes, more than an image header's 16, so a reader that reads the whole header first still
        // reaches its magic-number check. Read as an image header, its labels promise far more pixels
        // than the file holds: the contract is to check the magic number before the length, because the
        // file's real problem is its kind.
        string path = Write("labels", IdxFiles.Bytes(Mnist.LabelsMagic, [12], [1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2]));

        FileAssertions.ShouldRejectFile(() => Mnist.ReadImages(path), path, "magic");
    }

    [Grades("Mnist.ReadLabels")]
    [Test]
    public void ReadLabels_rejects_an_image_file_and_says_magic()
    {
        string path = Write("images", IdxFiles.Bytes(Mnist.ImagesMagic, [3, 2, 3], Pixels));

        FileAssertions.ShouldRejectFile(() => Mnist.ReadLabels(path), path, "magic");
    }

    [Grades("Mnist.ReadImages")]
    [TestCase(false)]
    [TestCase(true)]
    public void ReadImages_rejects_a_file_with_fewer_pixels_than_its_header_promises(bool gzipped)
    {
        // The header promises 3 images of 2x3 pixels, but only 2½ images follow.
        string path = Write("short-images", IdxFiles.Bytes(Mnist.ImagesMagic, [3, 2, 3], Pixels[..15]), gzipped);

        FileAssertions.ShouldRejectFile(() => Mnist.ReadImages(path), path, "truncated");
    }

    [Grades("Mnist.ReadImages")]
    [Test]
    public void ReadImages_rejects_a_file_shorter_than_its_header()
    {
        string path = Write("stub-images", IdxFiles.Bytes(Mnist.ImagesMagic, [3], []));

        FileAssertions.ShouldRejectFile(() => Mnist.ReadImages(path), path, "truncated");
    }

    [Grades("Mnist.ReadImages")]
    [TestCase(0.5)]
    [TestCase(0.9)]
    public void ReadImages_rejects_a_gzipped_file_cut_off_in_the_middle(double keep)
    {
        // A download that stopped part-way: the gzip stream simply ends, and GZipStream gives back fewer
        // bytes than the header promises (it does not throw), so the length check must catch it.
        var random = new Random(7);
        byte[] pixels = new byte[20 * 28 * 28];
        random.NextBytes(pixels);
        string whole = Write("whole-images", IdxFiles.Bytes(Mnist.ImagesMagic, [20, 28, 28], pixels), gzipped: true);
        byte[] gzip = File.ReadAllBytes(whole);
        string path = Path.Combine(_dir, "cut-images.gz");
        File.WriteAllBytes(path, gzip[..(int)(gzip.Length * keep)]);

        FileAssertions.ShouldRejectFile(() => Mnist.ReadImages(path), path, "truncated");
    }

    [Grades("Mnist.ReadLabels")]
    [Test]
    public void ReadLabels_rejects_a_file_with_fewer_labels_than_its_header_promises()
    {
        string path = Write("short-labels", IdxFiles.Bytes(Mnist.LabelsMagic, [5], [1, 2, 3]));

        FileAssertions.ShouldRejectFile(() => Mnist.ReadLabels(path), path, "truncated");
    }

    [Grades("Mnist.Load")]
    [Test]
    public void Load_keeps_the_samples_of_the_chosen_digits_in_file_order_and_numbers_their_classes()
    {
        byte[] pixels = [.. Enumerable.Range(0, 6 * 4).Select(i => (byte)(i * 10))];
        string images = Write("images", IdxFiles.Bytes(Mnist.ImagesMagic, [6, 2, 2], pixels), gzipped: true);
        string labels = Write("labels", IdxFiles.Bytes(Mnist.LabelsMagic, [6], [3, 0, 7, 4, 0, 3]), gzipped: true);

        Dataset data = Mnist.Load(images, labels, [4, 3]);

        // Rows 0, 3 and 5 have digits 3, 4 and 3; digit 4 is class 0 and digit 3 is class 1.
        data.Labels.ShouldBe([1, 0, 1]);
        data.Images.ShouldMatch(new Matrix(3, 4, [.. new[] { 0, 3, 5 }.SelectMany(row => pixels[(row * 4)..((row * 4) + 4)]).Select(p => p / 255.0)]), 1e-15);
    }

    [Grades("Mnist.Load")]
    [Test]
    public void Load_numbers_the_classes_by_the_position_of_the_digit_not_by_the_digit()
    {
        byte[] pixels = [.. Enumerable.Range(0, 5 * 4).Select(i => (byte)(i * 12))];
        string images = Write("images", IdxFiles.Bytes(Mnist.ImagesMagic, [5, 2, 2], pixels));
        string labels = Write("labels", IdxFiles.Bytes(Mnist.LabelsMagic, [5], [2, 7, 7, 5, 2]));

        Dataset data = Mnist.Load(images, labels, [7, 2]);

        // digits [7, 2]: a 7 is class 0 and a 2 is class 1 (a network with 2 outputs has no class 7).
        data.Labels.ShouldBe([1, 0, 0, 1], "class = the position of the digit in digits: 7 → 0 and 2 → 1");
        data.Images.ShouldHaveShape(4, 4);
    }

    [Grades("Mnist.Load")]
    [Test]
    public void Load_rejects_digits_that_no_sample_has()
    {
        string images = Write("images", IdxFiles.Bytes(Mnist.ImagesMagic, [3, 2, 2], [.. Enumerable.Range(0, 12).Select(i => (byte)i)]));
        string labels = Write("labels", IdxFiles.Bytes(Mnist.LabelsMagic, [3], [1, 2, 1]));

        // No 7 and no 8 in the file: an empty data set cannot be trained on, so say so by naming the file.
        FileAssertions.ShouldRejectFile(() => Mnist.Load(images, labels, [7, 8]), labels);
    }

    [Grades("Mnist.Load")]
    [Test]
    public void Load_rejects_an_image_file_and_a_label_file_with_different_counts()
    {
        byte[] pixels = [.. Enumerable.Range(0, 7 * 4).Select(i => (byte)i)];
        string images = Write("images", IdxFiles.Bytes(Mnist.ImagesMagic, [7, 2, 2], pixels));
        string labels = Write("labels", IdxFiles.Bytes(Mnist.LabelsMagic, [5], [0, 1, 0, 1, 0]));

        string message = FileAssertions.ShouldRejectFile(() => Mnist.Load(images, labels, [0, 1]), images);
        bool namesBoth = message.Contains(Path.GetFileName(labels), StringComparison.Ordinal);
        bool givesCounts = Regex.IsMatch(message, @"\b7\b") && Regex.IsMatch(message, @"\b5\b");
        if (!namesBoth || !givesCounts)
        {
            Assert.Fail($"The message should name both files and give both counts (7 images, 5 labels), but was \"{message}\".");
        }
    }


    private string Write(string name, byte[] content, bool gzipped = false) => IdxFiles.Write(_dir, name, content, gzipped);
}
