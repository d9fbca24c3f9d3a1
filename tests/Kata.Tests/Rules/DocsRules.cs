using System.Text.RegularExpressions;
using Kata.Core;

namespace Kata.Tests.Rules;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>checkpoints.md describes the checkpoints of curriculum.json and shows their hints.</summary>
[KataRules]
public sealed partial class DocsRules
{
    private static readonly string Markdown = File.ReadAllText(Path.Combine(KataPaths.Root, "checkpoints.md"));
    private static readonly Curriculum Curriculum = Curriculum.Load();

    [Test]
    public void Every_checkpoint_has_a_section_whose_anchor_is_its_slug()
    {
        string[] anchors = [.. Heading().Matches(Markdown).Select(m => Slug(m.Groups["title"].Value))];

        string[] missing = [.. Curriculum.Checkpoints.Where(c => !anchors.Contains(c.Slug)).Select(c => $"{c.Name} (#{c.Slug})")];

        missing.ShouldBeEmpty("checkpoints.md needs a '## N. Title' heading for each checkpoint; links and stub messages point at these anchors");
    }

    [Test]
    public void The_hint_sections_of_checkpoints_md_show_the_hints_of_curriculum_json()
    {
        HintsMarkdown.BlockIds(Markdown).ShouldBe(Curriculum.Checkpoints.Select(c => c.Id), "each checkpoint needs one <!-- hints:N --> block, in order");
        (HintsMarkdown.Apply(Markdown, Curriculum) == Markdown)
            .ShouldBeTrue("the hints in checkpoints.md differ from curriculum.json: edit the hints in curriculum.json, then run ./kata docs");
    }

    [Test]
    public void The_file_roles_table_of_the_architecture_page_shows_file_roles_json()
    {
        string path = Path.Combine(KataPaths.Root, FileRoles.DocsPath);
        string page = File.Exists(path) ? File.ReadAllText(path) : string.Empty;

        page.ShouldContain(FileRoles.StartMarker, customMessage: $"{FileRoles.DocsPath} needs a {FileRoles.StartMarker} … {FileRoles.EndMarker} block for the table of file roles");
        (FileRoles.Load().Apply(page) == page)
            .ShouldBeTrue($"the table of file roles in {FileRoles.DocsPath} differs from {FileRoles.FileName}: run ./kata docs");
    }

    [Test]
    public void Every_workflow_pins_its_actions_by_commit()
    {
        // A tag can be moved to other code; a commit cannot. These actions get tokens.
        string workflows = Path.Combine(KataPaths.Root, ".github", "workflows");
        string[] unpinned =
        [
            .. from file in Directory.EnumerateFiles(workflows, "*.yml")
               from line in File.ReadLines(file)
               let use = UsesLine().Match(line)
               where use.Success && !use.Groups["ref"].Value.StartsWith("./", StringComparison.Ordinal) && !PinnedRef().IsMatch(use.Groups["ref"].Value)
               select $"{Path.GetFileName(file)}: {line.Trim()}",
        ];

        unpinned.ShouldBeEmpty("pin every third-party action by its full commit SHA, with the version in a comment: uses: owner/action@<40 hex> # vN");
    }

    [Test]
    public void The_Classroom_workflow_gives_each_checkpoint_its_points_from_curriculum_json()
    {
        string path = Path.Combine(KataPaths.Root, ClassroomWorkflow.RelativePath);

        (File.Exists(path) && File.ReadAllText(path) == ClassroomWorkflow.Render(Curriculum))
            .ShouldBeTrue($"{ClassroomWorkflow.RelativePath} is out of date with curriculum.json: run ./kata docs");
    }

    // GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
    private static string Slug(string title) =>
        Regex.Replace(title.Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\- ]", string.Empty).Replace(' ', '-');

    [GeneratedRegex(@"^## (?<title>\d+\. .+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(-\s*)?uses:\s*(?<ref>\S+)")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"@[0-9a-f]{40}$")]
    private static partial Regex PinnedRef();
}
