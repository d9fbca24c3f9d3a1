using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Kata.Core;
using Kata.Instructor.Grading;

namespace Kata.Tools.Tests;

/// <summary>
/// The parts of grading that take a submission's words and files apart: escaping, names, links, the API
/// rule. (The whole grader, sandbox and attacks included, is exercised by ./kata verify.)
/// </summary>
public sealed class GradingTests
{
    [Test]
    public void Markdown_shows_HTML_and_markdown_from_a_submission_as_text()
    {
        string escaped = TextEscaping.Markdown("<h2>100 / 100 — passed</h2> **bold** [link](x) | cell\n# heading");

        escaped.ShouldNotContain("<h2>");
        escaped.ShouldContain("&lt;h2&gt;");
        escaped.ShouldContain("\\*\\*bold\\*\\*");
        escaped.ShouldContain("\\[link\\]\\(x\\)");
        escaped.ShouldContain("\\|");
        escaped.ShouldNotContain("\n", customMessage: "a message is one line in grade.md");
    }

    [TestCase("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [TestCase("+1", "'+1")]
    [TestCase("-2", "'-2")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("alice, bob", "\"alice, bob\"")]
    [TestCase("plain", "plain")]
    public void Csv_quotes_fields_and_defuses_formulas(string value, string expected) =>
        TextEscaping.Csv(value).ShouldBe(expected);

    [Test]
    public void Terminal_text_loses_its_control_characters()
    {
        TextEscaping.Plain("red\u001b[31m text\r\nnext").ShouldBe("red[31m text  next");
    }

    [Test]
    public void Bidi_overrides_and_other_format_characters_are_shown_as_code_points_everywhere()
    {
        // "alice" that a bidi override would show as "ecila", and a zero-width space hiding in a name.
        const string Name = "\u202Eecila\u202C\u200Bbob\u2066x\u2069";

        TextEscaping.Plain(Name).ShouldBe("<U+202E>ecila<U+202C><U+200B>bob<U+2066>x<U+2069>");
        TextEscaping.Markdown(Name).ShouldNotContain("\u202E");
        TextEscaping.Html(Name).ShouldNotContain("\u202E");
        TextEscaping.Csv(Name).ShouldNotContain("\u202E");
        TextEscaping.Markdown(Name).ShouldContain("U\\+202E", customMessage: "markdown shows the code point (its + escaped)");
    }

    [Test]
    public void Log_lines_of_a_submission_show_escape_sequences_and_bidi_controls_as_text()
    {
        ProcessRunner.Visible("a\u001b[2Jb\u202Ec\td").ShouldBe("a\\u001B[2Jb\\u202Ec\td");
    }

    [Test]
    public void Submissions_with_the_same_folder_name_get_different_output_names()
    {
        IReadOnlyList<string> names = Submission.UniqueNames(
            ["../a/alice", "../b/alice/", "https://github.com/org/kata-bob.git", "git@github.com:org/kata-bob.git", "../c/al ice;rm -rf"]);

        names.ShouldBe(["alice", "alice-2", "org-kata-bob", "org-kata-bob-2", "al_ice_rm_-rf"]);
    }

    [Test]
    public void A_missing_folder_and_a_file_are_told_apart()
    {
        string file = Path.GetTempFileName();
        try
        {
            Should.Throw<IOException>(() => Submission.Fetch(file, Path.Combine(Path.GetTempPath(), "kata-never"))).Message.ShouldContain("that is a file");
            Should.Throw<IOException>(() => Submission.Fetch(file + "-missing", Path.Combine(Path.GetTempPath(), "kata-never"))).Message.ShouldContain("no such folder");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Links_in_a_submission_are_listed_and_never_followed()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("kata-links-");
        try
        {
            string exercises = Directory.CreateDirectory(Path.Combine(dir.FullName, "exercises", "Checkpoint01.LinearAlgebra")).FullName;
            File.WriteAllText(Path.Combine(exercises, "Mine.cs"), "// mine\n");
            File.CreateSymbolicLink(Path.Combine(exercises, "Zeros.cs"), "/dev/zero");
            Directory.CreateSymbolicLink(Path.Combine(exercises, "Everything"), "/");

            Dictionary<string, string> files = Workspace.ListFiles(dir.FullName, out IReadOnlyList<string> notFiles);

            files.Keys.ShouldBe(["exercises/Checkpoint01.LinearAlgebra/Mine.cs"]);
            notFiles.ShouldBe(["exercises/Checkpoint01.LinearAlgebra/Everything", "exercises/Checkpoint01.LinearAlgebra/Zeros.cs"], ignoreOrder: true);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void A_public_helper_is_named_as_an_addition_to_the_kata_API()
    {
        string[] kata = ["static class NeuralNet.LinearAlgebra", "NeuralNet.LinearAlgebra: static System.Double Dot(System.Double[], System.Double[])"];
        string[] learner = [.. kata, "NeuralNet.LinearAlgebra: static System.Double Sum(System.Double[])"];

        IReadOnlyList<string> problems = PublicApi.Differences(kata, learner);

        problems.ShouldHaveSingleItem().ShouldStartWith("your code adds public NeuralNet.LinearAlgebra: static System.Double Sum(System.Double[])");
        PublicApi.Differences(learner, kata).ShouldHaveSingleItem().ShouldContain("removes or changes");
    }

    [Test]
    public void The_API_of_running_code_is_described_like_the_API_read_from_metadata()
    {
        // The rules test describes loaded types, the grader describes metadata: both must agree word for word.
        string assembly = typeof(GradingTests).Assembly.Location;
        IReadOnlyList<string> fromMetadata = LearnerAssemblies.PublicApi([assembly]);
        IReadOnlyList<string> fromRunningCode = PublicApi.Describe(typeof(GradingTests).Assembly.GetExportedTypes());

        fromMetadata.ShouldNotBeEmpty();
        fromMetadata.ShouldBe(fromRunningCode);
    }
}
