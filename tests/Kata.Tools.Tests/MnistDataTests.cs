using System.IO.Compression;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>Finding and checking MNIST: every problem is one sentence that names the file and what to do.</summary>
public sealed class MnistDataTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-mnist-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_missing_file_is_named_with_the_command_that_gets_it()
    {
        MnistDataException error = Should.Throw<MnistDataException>(() => MnistData.Locate(_dir));

        error.Message.ShouldContain(MnistData.TrainImages.Name);
        error.Message.ShouldContain("./kata data");
    }

    [Test]
    public void A_truncated_file_is_called_truncated()
    {
        File.WriteAllBytes(Path.Combine(_dir, MnistData.TrainImages.Name), new byte[1000]);

        MnistDataException error = Should.Throw<MnistDataException>(() => MnistData.Locate(_dir));

        error.Message.ShouldContain(Path.Combine(_dir, MnistData.TrainImages.Name));
        error.Message.ShouldContain("truncated");
        error.Message.ShouldContain("./kata data");
    }

    [Test]
    public void An_altered_file_of_the_right_size_is_caught_by_its_SHA_256()
    {
        File.WriteAllBytes(Path.Combine(_dir, MnistData.TrainImages.Name), new byte[MnistData.TrainImages.Bytes]);

        MnistDataException error = Should.Throw<MnistDataException>(() => MnistData.Locate(_dir));

        error.Message.ShouldContain("altered");
        error.Message.ShouldContain("SHA-256");
        error.Message.ShouldContain(MnistData.TrainImages.Sha256[..16]);
    }

    [Test]
    public void MNIST_DIR_pointing_nowhere_is_named_in_the_message()
    {
        string nowhere = Path.Combine(_dir, "no-such-folder");
        string? before = Environment.GetEnvironmentVariable(MnistData.DirectoryVariable);
        Environment.SetEnvironmentVariable(MnistData.DirectoryVariable, nowhere);
        try
        {
            MnistDataException error = Should.Throw<MnistDataException>(() => MnistData.Locate());

            error.Message.ShouldContain("MNIST_DIR");
            error.Message.ShouldContain(nowhere);
        }
        finally
        {
            Environment.SetEnvironmentVariable(MnistData.DirectoryVariable, before);
        }
    }

    [Test]
    public void The_real_files_pass_their_published_checks_gzipped_and_uncompressed()
    {
        MnistPaths paths = LocateRealData();

        // The small label file, uncompressed, must match the published digest of the raw file.
        string raw = Path.Combine(_dir, MnistData.TestLabels.RawName);
        using (var gzip = new GZipStream(File.OpenRead(paths.TestLabels), CompressionMode.Decompress))
        using (FileStream output = File.Create(raw))
        {
            gzip.CopyTo(output);
        }

        MnistData.Check(raw, MnistData.TestLabels).ShouldBeNull();
        MnistData.Check(paths.TestLabels, MnistData.TestLabels).ShouldBeNull();
    }

    /// <summary>The real data ($MNIST_DIR or the cache), or a failure that says how to get it.</summary>
    internal static MnistPaths LocateRealData()
    {
        try
        {
            return MnistData.Locate();
        }
        catch (MnistDataException error)
        {
            Assert.Fail(error.Message);
            throw;
        }
    }
}
