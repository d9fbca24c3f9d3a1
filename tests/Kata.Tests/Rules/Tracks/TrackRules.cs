namespace Kata.Tests.Rules.Tracks;

using Kata.Core;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The maintainer's side of the two tracks: exercises/ and solutions/ have the same projects with the
/// same project files, so that one switch (KataTrack) chooses between them. This file lives in a Tracks/
/// folder: the learner release, which has no solutions/, leaves it out (file-roles.json), instead of
/// showing every learner a skipped test.
/// </summary>
[KataRules]
public sealed class TrackRules
{
    private static readonly string Root = KataPaths.Root;

    [Test]
    public void Exercises_and_solutions_have_the_same_projects_with_the_same_project_files()
    {
        Directory.Exists(Path.Combine(Root, "solutions")).ShouldBeTrue(
            "this rule checks the maintainer's copy of the kata, which has solutions/; a learner release leaves the rule out (file-roles.json)");
        string[] Projects(string track) =>
            [.. Directory.EnumerateFiles(Path.Combine(Root, track), "*.csproj", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(Path.Combine(Root, track), p).Replace('\\', '/')).Order(StringComparer.Ordinal)];

        string[] exercises = Projects("exercises"), solutions = Projects("solutions");
        exercises.ShouldBe(solutions, "every checkpoint needs a project of the same name in both tracks");
        foreach (string project in exercises)
        {
            File.ReadAllText(Path.Combine(Root, "solutions", project))
                .ShouldBe(File.ReadAllText(Path.Combine(Root, "exercises", project)), $"{project} differs between the tracks");
        }
    }
}
