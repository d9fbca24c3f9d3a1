using System.Text.RegularExpressions;
using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Kata.Core;
using Kata.Instructor.Release;
using Kata.Maintainer.Verify;

namespace Kata.Tools.Tests;

/// <summary>
/// Regrading a class into the folder that holds its grades: the earlier grades are kept (NAME/previous/),
/// and the run and report.html list exactly the submissions whose grade changed, by how much and which tests
/// differ. Checkpoint 1 only (`--checkpoint 1`), in the sandbox where there is one.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class RegradeTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-regrade-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void After_one_test_is_changed_the_regrade_lists_exactly_the_submissions_whose_grade_changed()
    {
        string root = KataPaths.Root;

        // The instructor's kata, as a scratch copy whose tests can be changed.
        string pristine = Path.Combine(_dir, "kata");
        foreach (string relative in ReleaseExport.TrackedFiles(root))
        {
            string to = Path.Combine(pristine, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(root, relative), to);
        }

        string stubs = GradingScenarios.MakeSubmission(root, _dir, "stubs", fromSolutions: false);
        string solved = GradingScenarios.MakeSubmission(root, _dir, "solved", fromSolutions: false);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "solutions", "Checkpoint01.LinearAlgebra"), "*.cs"))
        {
            File.Copy(file, Path.Combine(solved, "exercises", "Checkpoint01.LinearAlgebra", Path.GetFileName(file)), overwrite: true);
        }

        string grades = Path.Combine(_dir, "grades");
        string first = Grade(pristine, grades, stubs, solved);
        first.ShouldNotContain("Regrade:", customMessage: "a first grade is no regrade");
        byte[] firstSolved = File.ReadAllBytes(Path.Combine(grades, "solved", "grade.json"));

        // The instructor fixes a test: Dot of [-3] and [7] is now expected to be 21. The reference fails it,
        // the stubs failed it anyway.
        string dotTests = Path.Combine(pristine, "tests", "Kata.Tests", "Checkpoint01.LinearAlgebra", "DotTests.cs");
        string text = File.ReadAllText(dotTests);
        text.ShouldContain("LinearAlgebra.Dot([-3], [7]).ShouldBe(-21.0, Tolerance);");
        File.WriteAllText(dotTests, text.Replace("LinearAlgebra.Dot([-3], [7]).ShouldBe(-21.0, Tolerance);", "LinearAlgebra.Dot([-3], [7]).ShouldBe(21.0, Tolerance);", StringComparison.Ordinal));

        string second = Grade(pristine, grades, stubs, solved);

        File.ReadAllBytes(Path.Combine(grades, "solved", "previous", "grade.json")).ShouldBe(firstSolved, "the grade before the regrade is kept as it was");
        File.Exists(Path.Combine(grades, "stubs", "previous", "grade.json")).ShouldBeTrue();
        GradeReport before = GradeReport.FromJson(File.ReadAllText(Path.Combine(grades, "solved", "previous", "grade.json")))!;
        GradeReport after = GradeReport.FromJson(File.ReadAllText(Path.Combine(grades, "solved", "grade.json")))!;
        after.Score.ShouldBeLessThan(before.Score, "Dot lost its points");

        second.ShouldContain("Regrade: 1 of 2 grades changed:");
        Regex.Matches(second, @"^  (\S+): ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ShouldBe(["solved"], second);
        Regex.Match(second, "^  solved: .*$", RegexOptions.Multiline).Value.TrimEnd().ShouldBe(
            $"  solved: {GradeReport.Number(before.Score)} → {GradeReport.Number(after.Score)} (−{GradeReport.Number(before.Score - after.Score)}), no longer passes; now failing: checkpoint 1: Dot_of_vectors_of_length_one_is_the_product");

        string html = File.ReadAllText(Path.Combine(grades, "report.html"));
        Regex.Matches(html, "<tr data-submission=\"([^\"]+)\" data-delta=\"([^\"]+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value))
            .ShouldBe([("solved", "-" + GradeReport.Number(before.Score - after.Score))], "report.html lists the one grade that changed");
        html.ShouldContain("now fails: checkpoint 1: Dot_<wbr>of_<wbr>vectors_<wbr>of_<wbr>length_<wbr>one_<wbr>is_<wbr>the_<wbr>product");
    }

    // ./kata grade of the two submissions into the same folder, checkpoint 1 only; its output.
    private string Grade(string pristine, string output, params string[] submissions)
    {
        string[] sandbox = Sandbox.Detect(out _) is null ? ["--no-sandbox"] : [];
        string log = Path.Combine(_dir, $"grade-{Guid.NewGuid():N}.log");
        ProcessResult result = ProcessRunner.Run(
            Path.Combine(KataPaths.Root, "kata"),
            ["grade", .. submissions, "--pristine", pristine, "--out", output, "--checkpoint", "1", "--quiet", .. sandbox],
            KataPaths.Root,
            log,
            new Dictionary<string, string?> { ["KATA_GRADE_KEY"] = "regrade-test" },
            timeout: TimeSpan.FromMinutes(15));
        result.TimedOut.ShouldBeFalse();
        string text = File.ReadAllText(log);
        File.Exists(Path.Combine(output, "roster.csv")).ShouldBeTrue($"kata grade wrote no roster (exit code {result.ExitCode}):\n{text}");
        return text;
    }
}
