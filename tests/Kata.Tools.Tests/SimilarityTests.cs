using System.Text.Json;
using Kata.Core;
using Kata.Instructor.Commands;
using Kata.Instructor.Similarity;

namespace Kata.Tools.Tests;

/// <summary>
/// `kata similar` and the class report's section on it: a disguised copy (tests/scenarios/similar) is
/// flagged beside what it copied, two independent correct implementations (the plain learner and the
/// reference) are not, and what the stubs give or the whole class writes alike counts for nothing.
/// </summary>
[NonParallelizable]
public sealed class SimilarityTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-similar-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_disguised_copy_is_flagged_and_two_independent_correct_implementations_are_not()
    {
        string[] folders = [Naive(), Reference(), Copied()];

        SimilarityReport report = SimilarityCheck.Compare(SimilarityInputs.Read(folders, KataPaths.Root), SimilarityInputs.Pristine(KataPaths.Root), SimilaritySettings.Default);

        report.Submissions.ShouldBe(["naive", "reference", "copied"]);
        report.Pairs.Count.ShouldBe(3);
        report.Flagged.Select(p => (p.A, p.B)).ShouldBe([("naive", "copied")], "only the copy and what it copied: " + Scores(report));
        SimilarPair copy = report.Flagged[0];
        copy.Similarity.ShouldBeGreaterThanOrEqualTo(0.6, Scores(report));
        foreach (SimilarPair independent in report.Pairs.Where(p => !p.Flagged))
        {
            independent.Similarity.ShouldBeLessThan(0.3, $"{independent.A} and {independent.B} were written apart: {Scores(report)}");
        }

        // The fragments point at the lines that are alike, in the files they are in: the copy moved methods
        // around, so the same code stands at other line numbers.
        SharedFragment longest = copy.Fragments[0];
        longest.Tokens.ShouldBe(copy.Longest);
        longest.A.File.ShouldBe(longest.B.File, "the copy kept the file names");
        string[] naiveLines = File.ReadAllLines(Path.Combine(KataPaths.Root, "tests", "scenarios", "naive", longest.A.File["exercises/".Length..]));
        naiveLines[(longest.A.FirstShown - 1)..(longest.A.FirstShown - 1 + longest.A.Lines.Count)].ShouldBe(longest.A.Lines, "the lines shown are the file's");
        copy.Fragments.Select(f => f.A.File).Distinct().Count().ShouldBeGreaterThan(3, "fragments from many files of the copy");

        string markdown = SimilarityText.Markdown(report);
        markdown.ShouldContain("### naive and copied:");
        markdown.ShouldContain($"▌{longest.A.FirstLine,4}  ");
        markdown.ShouldNotContain("### naive and reference");
    }

    [Test]
    public void Code_the_stubs_give_or_the_whole_class_shares_is_not_counted()
    {
        // Four submissions of the same code: common to the class (in 4 of 4), so it counts for nothing.
        string code = File.ReadAllText(Path.Combine(KataPaths.Root, "tests", "scenarios", "naive", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs"));
        SubmissionCode Same(string name) => new(name, [SourceFile.Parse("exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs", code)]);
        IReadOnlyList<SourceFile> stubs = SimilarityInputs.Pristine(KataPaths.Root);

        SimilarityReport four = SimilarityCheck.Compare([Same("a"), Same("b"), Same("c"), Same("d")], stubs, SimilaritySettings.Default);
        SimilarityReport two = SimilarityCheck.Compare([Same("a"), Same("b")], stubs, SimilaritySettings.Default);

        four.Flagged.ShouldBeEmpty("code all four share is common to the class");
        four.CommonFingerprints.ShouldBeGreaterThan(0);
        two.Flagged.Count.ShouldBe(1, "the same code in two of two submissions is a copy");
        two.Flagged[0].Similarity.ShouldBe(1.0);

        // The stubs themselves, handed in by two learners who wrote nothing: nothing of theirs to compare.
        var untouched = stubs.Where(f => f.Path.Contains("Checkpoint01", StringComparison.Ordinal)).ToList();
        SimilarityReport stubsOnly = SimilarityCheck.Compare([new("x", untouched), new("y", untouched)], stubs, SimilaritySettings.Default);
        stubsOnly.Pairs[0].Shared.ShouldBe(0, "every fingerprint of the stubs is left out");
        stubsOnly.Flagged.ShouldBeEmpty();
    }

    [Test]
    public void The_class_report_shows_the_flagged_pair_side_by_side_in_a_real_browser()
    {
        // A class's grades as ./kata grade leaves them: grade.json and the code each grade took.
        foreach ((string name, string folder) in new[] { ("naive", Naive()), ("reference", Reference()), ("copied", Copied()) })
        {
            string grade = Path.Combine(_dir, "class", name);
            SampleClass.Write(Path.Combine(_dir, "class"), name, SampleClass.Grade(name, 5, 0.97));
            SimilarityInputs.Keep(KataPaths.Root, folder, grade);
        }

        string names = Path.Combine(_dir, "names.txt");
        File.WriteAllLines(names, ["naive", "reference", "copied"]);
        ReportCommand.Run(Path.Combine(_dir, "class"), names).ShouldBe(0);
        string html = File.ReadAllText(Path.Combine(_dir, "class", "report.html"));
        html.ShouldContain("<article class=\"pair\" data-a=\"naive\" data-b=\"copied\"");
        html.ShouldNotContain("data-b=\"reference\"");

        string? chromium = NodeTools.Chromium;
        if (chromium is null)
        {
            Assert.Ignore("Chromium is not installed (Debian: apt-get install chromium, or .ci/install-chromium), so the report was not opened in a browser.");
            return;
        }

        NodeTools.Folder();
        string seenFile = Path.Combine(_dir, "seen.json");
        string artifacts = Path.Combine(KataPaths.Root, "artifacts", "verify");
        Directory.CreateDirectory(artifacts);
        (int exit, string output, string errors) = NodeTools.Node(
            ["check-report.mjs", Path.Combine(_dir, "class", "report.html"), seenFile, Path.Combine(artifacts, "class-report-similar-page.png"), Path.Combine(artifacts, "class-report-similar.png")],
            new Dictionary<string, string> { ["CHROMIUM"] = chromium });

        exit.ShouldBe(0, output + errors);
        using JsonDocument seen = JsonDocument.Parse(File.ReadAllText(seenFile));
        JsonElement root = seen.RootElement;
        root.GetProperty("console").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ShouldBeEmpty("the browser's console");
        root.GetProperty("pageErrors").GetArrayLength().ShouldBe(0);
        JsonElement pair = root.GetProperty("similar").EnumerateArray().ShouldHaveSingleItem();
        (pair.GetProperty("a").GetString(), pair.GetProperty("b").GetString()).ShouldBe(("naive", "copied"));
        JsonElement fragment = pair.GetProperty("fragments")[0];
        fragment.GetProperty("sides").EnumerateArray().Select(s => s.GetString()!).ShouldAllBe(s => s.Contains("Backpropagation.cs lines ", StringComparison.Ordinal));
        fragment.GetProperty("shared").GetInt32().ShouldBeGreaterThan(20, "the shared lines of both sides are highlighted");
        int[] widths = [.. fragment.GetProperty("widths").EnumerateArray().Select(w => w.GetInt32())];
        widths.Length.ShouldBe(2, "the two sides stand in one row");
        widths.ShouldAllBe(w => w > 300, "each side gets about half of the page");
        new FileInfo(Path.Combine(artifacts, "class-report-similar.png")).Length.ShouldBeGreaterThan(20_000, "a screenshot of the section for a maintainer to look at");
    }

    private static string Scores(SimilarityReport report) =>
        string.Join("; ", report.Pairs.Select(p => $"{p.A}–{p.B} {SimilarityText.Percent(p.Similarity)}"));

    // The plain learner, the reference (checkpoints 1–5) and the disguised copy, each as a learner's copy
    // holds them: exercises/CheckpointNN.Topic/…
    private string Naive() => Submission("naive", Path.Combine(KataPaths.Root, "tests", "scenarios", "naive"));

    private string Copied() => Submission("copied", Path.Combine(KataPaths.Root, "tests", "scenarios", "similar", "copied"));

    private string Reference()
    {
        string folder = Path.Combine(_dir, "reference");
        foreach (string checkpoint in Directory.EnumerateDirectories(Path.Combine(KataPaths.Root, "solutions"), "Checkpoint0?.*").Where(d => Path.GetFileName(d)[11] is >= '1' and <= '5'))
        {
            foreach (string file in Directory.EnumerateFiles(checkpoint).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal)))
            {
                string to = Path.Combine(folder, "exercises", Path.GetFileName(checkpoint), Path.GetFileName(file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }

        return folder;
    }

    private string Submission(string name, string source)
    {
        string folder = Path.Combine(_dir, name);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(Path.GetDirectoryName(f)!).StartsWith("Checkpoint", StringComparison.Ordinal)))
        {
            string to = Path.Combine(folder, "exercises", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return folder;
    }
}
