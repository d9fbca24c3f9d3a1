using System.Text;
using System.Text.RegularExpressions;

namespace Kata.Core;

/// <summary>
/// The hint sections of checkpoints.md are generated from curriculum.json, so the hints live in one
/// place: between <c>&lt;!-- hints:N --&gt;</c> and <c>&lt;!-- /hints:N --&gt;</c> each hint becomes a
/// collapsed block, gentlest first. <c>./kata docs</c> rewrites them; a rules test checks they agree.
/// </summary>
public static partial class HintsMarkdown
{
    /// <summary>The markdown for one checkpoint's hints (without the markers).</summary>
    public static string Render(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var text = new StringBuilder();
        for (int i = 0; i < checkpoint.Hints.Count; i++)
        {
            text.Append("<details><summary>Hint ").Append(i + 1).Append("</summary>\n\n")
                .Append(checkpoint.Hints[i]).Append("\n\n</details>\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="markdown"/> with every hint block replaced by the hints of
    /// <paramref name="curriculum"/>; blocks of unknown checkpoints are left alone.
    /// </summary>
    public static string Apply(string markdown, Curriculum curriculum)
    {
        ArgumentNullException.ThrowIfNull(curriculum);
        return Block().Replace(markdown, match =>
        {
            int id = int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return curriculum.Find(id) is { } checkpoint
                ? $"<!-- hints:{id} -->\n{Render(checkpoint)}<!-- /hints:{id} -->"
                : match.Value;
        });
    }

    /// <summary>The ids of the checkpoints that have a hint block in <paramref name="markdown"/>.</summary>
    public static IReadOnlyList<int> BlockIds(string markdown) =>
        [.. Block().Matches(markdown).Select(m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"<!-- hints:(?<id>\d+) -->\n(?s:.*?)<!-- /hints:\k<id> -->")]
    private static partial Regex Block();
}
