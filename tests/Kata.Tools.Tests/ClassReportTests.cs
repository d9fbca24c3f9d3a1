using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kata.Cli.Grading;
using Kata.Core;
using Kata.Instructor.Commands;
using Kata.Instructor.Grading;

namespace Kata.Tools.Tests;

/// <summary>
/// The class report and the merge step of the class workflow (`kata report`): roster.csv, report.html
/// and the job summary from the grade folders the grading jobs leave, everything from a submission
/// escaped; and the page in a real browser.
/// </summary>
[NonParallelizable]
public sealed partial class ClassReportTests
{
    private const string Mistake = "Forward_applies_the_activation_to_every_layer";

    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-class-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void The_merge_of_three_grades_a_failed_clone_a_lost_job_and_a_broken_file_gives_a_row_each()
    {
        SampleClass.Write(_dir, "alan", SampleClass.Grade("alan", 2, null, new FailedTest(Mistake, "expected 0.5 but was <b>0.73</b>")));
        SampleClass.Write(_dir, "ada", SampleClass.Grade("ada", 5, 0.9712));
        SampleClass.Write(_dir, "mallory", SampleClass.Grade(
            "=HYPERLINK(\"http://evil\")<script>alert(1)</script>", 1, null, null,
            new GradeFlag("runaway", "Dot: did not return within 10 s <img src=x onerror=alert(2)>"),
            new GradeFlag("tampered", "tests/Kata.Tests/Checkpoint01.LinearAlgebra/DotTests.cs (modified)")));
        Directory.CreateDirectory(Path.Combine(_dir, "zed"));
        File.WriteAllText(Path.Combine(_dir, "zed", ClassReport.ErrorFile), "could not clone school/kata-zed: it does not exist, or the read token cannot see it\n");
        Directory.CreateDirectory(Path.Combine(_dir, "broken"));
        File.WriteAllText(Path.Combine(_dir, "broken", "grade.json"), "{ \"submission\": ");
        string names = Path.Combine(_dir, "submissions.txt");
        File.WriteAllLines(names, ["alan", "ada", "zed", "mallory", "ghost", "broken"]);
        string summary = Path.Combine(_dir, "summary.md");

        int exit = WithStepSummary(summary, () => ReportCommand.Run(_dir, names));

        exit.ShouldBe(0);
        List<string[]> roster = SampleClass.ReadCsv(Path.Combine(_dir, "roster.csv"));
        roster.Select(r => r[0]).ShouldBe(["alan", "ada", "zed", "'=HYPERLINK(\"http://evil\")<script>alert(1)</script>", "ghost", "broken"]);
        roster[0][1..3].ShouldBe(["45", "100"], "checkpoints 1 and 2, and half of 3");
        roster[0][9].ShouldBe("2", "alan completed checkpoints 1 and 2");
        roster[1][7..10].ShouldBe(["true", "0.9712", "5"], "ada passed, with the grader's accuracy, up to checkpoint 5");
        roster[2][12].ShouldContain("could not clone school/kata-zed");
        roster[3][10].ShouldBe("runaway tampered");
        roster[4][12].ShouldStartWith("no grade arrived");
        roster[5][12].ShouldStartWith("its grade.json does not read as a grade");

        string html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("<b>0.73</b>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        Regex.Count(html, "<script>").ShouldBe(1, "the page's own script, nothing else");
        Regex.Count(Between(html, "<table id=\"roster-table\">", "</table>"), "<tr[ >]").ShouldBe(1 + 6, "the roster's header and a row for each submission");
        html.ShouldNotContain("http://evil\"", customMessage: "the link text is escaped (its quotes as entities)");
        ExternalReference().IsMatch(html).ShouldBeFalse("the page loads nothing from anywhere");

        string md = File.ReadAllText(summary);
        md.ShouldContain("## Class report");
        md.ShouldContain("6 submissions: 3 graded, 1 passed, 3 not graded, 1 flagged.");
        md.ShouldContain($"checkpoint 3, {TextEscaping.Markdown(Mistake)}: fails for 1");
        md.ShouldNotContain("<script>");
    }

    [Test]
    public void The_page_allows_only_its_own_style_and_script()
    {
        SampleClass.Write(_dir, "ada", SampleClass.Grade("ada", 5, 0.9712));

        string html = ClassReport.Html(ClassReport.Read(_dir, null));

        Match policy = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '(?<style>[^']+)'; script-src '(?<script>[^']+)'\">");
        policy.Success.ShouldBeTrue("a Content-Security-Policy that names the style and the script by hash");
        policy.Groups["style"].Value.ShouldBe(Sha256(Between(html, "<style>", "</style>")));
        policy.Groups["script"].Value.ShouldBe(Sha256(Between(html, "<script>", "</script>")));
    }

    [Test]
    public void The_tests_that_fail_most_often_count_only_code_that_learners_wrote()
    {
        var wrong = new FailedTest(Mistake, "cell [0, 1] was 0.73");
        GradeReport[] grades =
        [
            SampleClass.Grade("a", 2, null, wrong),
            SampleClass.Grade("b", 2, null, wrong),
            SampleClass.Grade("c", 2, null, wrong with { Message = "cell [1, 1] was NaN" }),
            SampleClass.Grade("d", 0, null),
            SampleClass.Grade("e", 3, null, new FailedTest("Backward_gives_the_gradient", "off by 1/batch")),
        ];

        IReadOnlyList<ClassReport.FailingTest> failing = ClassReport.MostFailing(grades);

        failing.Count.ShouldBe(2, "stubs (Not implemented yet) and checkpoints nobody started are not counted");
        failing[0].ShouldBe(new ClassReport.FailingTest(3, Mistake, 3, "cell [0, 1] was 0.73", 1));
        failing[1].Test.ShouldBe("Backward_gives_the_gradient");
    }

    [Test]
    public void In_a_real_browser_the_page_opens_without_errors_sorts_and_shows_the_rosters_numbers()
    {
        string? chromium = NodeTools.Chromium;
        if (chromium is null)
        {
            Assert.Ignore("Chromium is not installed (Debian: apt-get install chromium, or .ci/install-chromium), so the report was not opened in a browser.");
            return;
        }

        string node = NodeTools.Folder();
        var wrong = new FailedTest(Mistake, "cell [0, 1] was 0.73");
        (string Name, int Completed, double? Accuracy, FailedTest? Mistake, GradeFlag[] Flags)[] learners =
        [
            ("noor", 5, 0.9712, null, []), ("bo", 2, null, wrong, []), ("chen", 4, 0.8123, null, [new GradeFlag("runaway", "MatMul did not return within 10 s")]),
            ("dana", 3, null, new FailedTest("Backward_gives_the_gradient", "off by 1/batch"), []), ("eli", 5, 0.9544, null, []),
            ("fay", 0, null, null, []), ("gus", 2, null, wrong, [new GradeFlag("tampered", "tests/x.cs (modified)")]), ("hana", 6, 0.9901, null, []),
            ("ivo", 4, 0.455, null, []), ("jo", 1, null, null, []), ("kim", 5, 0.8811, null, []),
        ];
        foreach (var l in learners)
        {
            SampleClass.Write(_dir, l.Name, SampleClass.Grade(l.Name, l.Completed, l.Accuracy, l.Mistake, l.Flags));
        }

        Directory.CreateDirectory(Path.Combine(_dir, "lee"));
        File.WriteAllText(Path.Combine(_dir, "lee", ClassReport.ErrorFile), "could not clone school/kata-lee\n");
        ReportCommand.Run(_dir, null).ShouldBe(0);
        string seenFile = Path.Combine(_dir, "seen.json");
        string screenshot = Path.Combine(KataPaths.Root, "artifacts", "verify", "class-report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);

        (int exit, string output, string errors) = NodeTools.Node(
            ["check-report.mjs", Path.Combine(_dir, "report.html"), seenFile, screenshot], new Dictionary<string, string> { ["CHROMIUM"] = chromium });

        exit.ShouldBe(0, output + errors);
        using JsonDocument seen = JsonDocument.Parse(File.ReadAllText(seenFile));
        JsonElement root = seen.RootElement;
        root.GetProperty("console").EnumerateArray().Where(m => m.GetProperty("type").GetString() is "error" or "warning")
            .Select(m => m.GetProperty("text").GetString()).ShouldBeEmpty("the browser's console");
        root.GetProperty("pageErrors").GetArrayLength().ShouldBe(0);
        root.GetProperty("requests").EnumerateArray().Select(r => r.GetString()).ShouldBe([new Uri(Path.Combine(_dir, "report.html")).AbsoluteUri], "the page loads nothing else");

        // The roster as loaded: the rows and numbers of roster.csv, in its order.
        List<string[]> roster = SampleClass.ReadCsv(Path.Combine(_dir, "roster.csv"));
        var rows = root.GetProperty("rows");
        Row[] loaded = [.. rows.GetProperty("loaded").EnumerateArray().Select(r => new Row(Text(r, "name"), Text(r, "score"), Text(r, "furthest"), Text(r, "mnist")))];
        loaded.ShouldBe([.. roster.Select(r => new Row(r[0], r[1], r[9], r[8]))]);

        // Each click sorts (first score and furthest descending, names ascending; again, the other way),
        // empty cells last, ties in the order they were.
        IEnumerable<Row> order = loaded;
        foreach (string key in (string[])["score", "name", "furthest"])
        {
            foreach ((string click, bool descending) in key == "name" ? [("first", false), ("second", true)] : (IEnumerable<(string, bool)>)[("first", true), ("second", false)])
            {
                order = Sorted(order.ToList(), key, descending);
                rows.GetProperty($"{key}-{click}").EnumerateArray().Select(e => e.GetString()).ShouldBe(order.Select(r => r.Name), $"rows after clicking {key} ({click} click)");
                root.GetProperty("headers").GetProperty($"{key}-{click}").GetString().ShouldBe(descending ? "descending" : "ascending");
            }
        }

        // The charts and lists say what the grades say.
        root.GetProperty("checkpoints").EnumerateArray().Select(c => (c.GetProperty("checkpoint").GetInt32(), c.GetProperty("completed").GetInt32()))
            .ShouldBe([.. Enumerable.Range(1, 6).Select(id => (id, learners.Count(l => l.Completed >= id)))]);
        var bins = root.GetProperty("bins").EnumerateArray().ToDictionary(b => b.GetProperty("bin").GetString()!, b => b.GetProperty("count").GetInt32());
        bins.Values.Sum().ShouldBe(roster.Count(r => r[8].Length > 0));
        bins["< 50"].ShouldBe(1);
        bins["95–100"].ShouldBe(3);
        root.GetProperty("failing")[0][1].GetString()!.Replace("\u200b", string.Empty, StringComparison.Ordinal).ShouldBe(Mistake);
        root.GetProperty("flagged").EnumerateArray().Select(f => f.GetString()).ShouldBe(["chen", "gus"], ignoreOrder: true);
        new FileInfo(screenshot).Length.ShouldBeGreaterThan(20_000, "a screenshot of the page for a maintainer to look at");
    }

    private sealed record Row(string Name, string Score, string Furthest, string Mnist);

    private static List<Row> Sorted(List<Row> rows, string key, bool descending)
    {
        string Value(Row r) => key switch { "score" => r.Score, "furthest" => r.Furthest, _ => r.Name };
        var filled = rows.Where(r => Value(r).Length > 0);
        var empty = rows.Where(r => Value(r).Length == 0);
        var sorted = key == "name"
            ? (descending ? filled.OrderByDescending(Value, StringComparer.OrdinalIgnoreCase) : filled.OrderBy(Value, StringComparer.OrdinalIgnoreCase))
            : (descending ? filled.OrderByDescending(r => double.Parse(Value(r), CultureInfo.InvariantCulture)) : filled.OrderBy(r => double.Parse(Value(r), CultureInfo.InvariantCulture)));
        return [.. sorted, .. empty];
    }

    private static string Text(JsonElement row, string name) => row.GetProperty(name).GetString() ?? string.Empty;

    private static int WithStepSummary(string path, Func<int> action)
    {
        string? before = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", path);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", before);
        }
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"(src|href)\s*=\s*""?(https?:|//)|@import|url\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
