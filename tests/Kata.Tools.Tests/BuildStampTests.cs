using Kata.Cli.Infrastructure;

namespace Kata.Tools.Tests;

/// <summary>`kata train` builds its program only when something it is built from changed.</summary>
public sealed class BuildStampTests
{
    private string _dir = string.Empty;
    private string _stamp = string.Empty;
    private string _source = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _dir = Directory.CreateTempSubdirectory("kata-stamp-").FullName;
        _source = Path.Combine(_dir, "exercises", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(_source)!);
        File.WriteAllText(_source, "class A {}");
        File.SetLastWriteTimeUtc(_source, DateTime.UtcNow.AddMinutes(-10));
        _stamp = Path.Combine(_dir, "obj", "built");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Nothing_changed_since_the_last_build_of_the_same_track_is_fresh()
    {
        BuildStamp.Write(_stamp, "exercises");

        BuildStamp.IsFresh(_stamp, "exercises", [Path.Combine(_dir, "exercises")]).ShouldBeTrue();
    }

    [Test]
    public void A_saved_source_file_makes_it_stale()
    {
        BuildStamp.Write(_stamp, "exercises");
        File.SetLastWriteTimeUtc(_source, DateTime.UtcNow.AddMinutes(1));

        BuildStamp.IsFresh(_stamp, "exercises", [Path.Combine(_dir, "exercises")]).ShouldBeFalse();
    }

    [Test]
    public void Build_output_does_not_count_as_a_change()
    {
        BuildStamp.Write(_stamp, "exercises");
        string output = Path.Combine(_dir, "exercises", "Checkpoint01.LinearAlgebra", "obj", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "{}");
        File.SetLastWriteTimeUtc(output, DateTime.UtcNow.AddMinutes(1));

        BuildStamp.IsFresh(_stamp, "exercises", [Path.Combine(_dir, "exercises")]).ShouldBeTrue();
    }

    [Test]
    public void A_build_of_the_other_track_or_no_build_at_all_is_stale()
    {
        BuildStamp.IsFresh(_stamp, "exercises", [Path.Combine(_dir, "exercises")]).ShouldBeFalse("never built");

        BuildStamp.Write(_stamp, "solutions");

        BuildStamp.IsFresh(_stamp, "exercises", [Path.Combine(_dir, "exercises")]).ShouldBeFalse("last built against solutions/");
    }
}
