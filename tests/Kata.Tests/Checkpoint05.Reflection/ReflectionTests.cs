namespace Kata.Tests.Checkpoint05;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The reflection (exercises/Checkpoint05.Reflection/REFLECTION.md) is graded on its shape only: four
/// sections, each answered in place of its placeholder, in at least <see cref="MinimumWords"/> words of
/// the learner's own, none repeating another, in markdown that renders. The instructor reads the content.
/// </summary>
[Checkpoint(5)]
[Grades("REFLECTION.md")]
public sealed class ReflectionTests
{
    /// <summary>Enough for a real answer of a paragraph or two; quotes and code do not count.</summary>
    public const int MinimumWords = 80;

    /// <summary>Above this share of shared five-word runs, one section repeats another.</summary>
    public const double MaximumOverlap = 0.5;

    private static IEnumerable<TestCaseData> Sections() =>
        ReflectionSection.All.Select(s => new TestCaseData(s).SetArgDisplayNames($"{s.Number}. {s.Title}"));

    [TestCaseSource(nameof(Sections))]
    public void Each_section_holds_your_answer_in_place_of_its_placeholder(ReflectionSection section)
    {
        ReflectionDocument document = ReflectionDocument.Load();
        SectionBody body = Section(document, section);

        body.HasPlaceholder.ShouldBeFalse(
            $"in {document.Path}, section '{section}' still holds the template's placeholder line ({Kata.Core.Stubs.Placeholder} Replace this line …): "
            + $"replace it with your answer on {section.Topic}");
        body.Words.ShouldNotBeEmpty($"in {document.Path}, section '{section}' has no answer yet: write about {section.Topic} below its question");
    }

    [TestCaseSource(nameof(Sections))]
    public void Each_section_has_at_least_80_words_of_your_own(ReflectionSection section)
    {
        ReflectionDocument document = ReflectionDocument.Load();
        SectionBody body = Section(document, section);
        int words = body.HasPlaceholder ? 0 : body.Words.Count;

        words.ShouldBeGreaterThanOrEqualTo(
            MinimumWords,
            $"in {document.Path}, section '{section}' has {words} words of your own and needs at least {MinimumWords}: "
            + $"say more about {section.Topic} (quoted lines starting with > and code blocks do not count, nor does the placeholder line)");
    }

    [Test]
    public void No_section_repeats_another()
    {
        ReflectionDocument document = ReflectionDocument.Load();
        SectionBody[] bodies = [.. ReflectionSection.All.Select(s => document.Find(s)).OfType<SectionBody>()];

        var repeats = new List<string>();
        foreach (SectionBody a in bodies)
        {
            foreach (SectionBody b in bodies.Where(b => b.Section.Number > a.Section.Number))
            {
                double overlap = Math.Max(a.Overlap(b), b.Overlap(a));
                if (overlap > MaximumOverlap)
                {
                    repeats.Add(a.HasPlaceholder && b.HasPlaceholder
                        ? $"sections {a.Section.Number} and {b.Section.Number} both still hold the template's placeholder line"
                        : $"sections {a.Section.Number} and {b.Section.Number} share {overlap * 100:0}% of their word sequences");
                }
            }
        }

        repeats.ShouldBeEmpty($"in {document.Path}, each section needs an answer of its own, written for its own question");
    }

    [Test]
    public void The_reflection_is_valid_markdown_with_nothing_left_of_the_template()
    {
        ReflectionDocument document = ReflectionDocument.Load();
        var problems = new List<string>(document.Problems);

        if (!document.HasTitle)
        {
            problems.Add("it has no title: keep the template's first line, starting with '# '");
        }

        var headings = document.SectionHeadings.ToList();
        foreach (ReflectionSection section in ReflectionSection.All)
        {
            int count = headings.Count(h => ReflectionDocument.Matches(h.Text, section));
            if (count != 1)
            {
                problems.Add(count == 0
                    ? $"the heading '{section.Heading}' is missing: keep the template's four headings as they are"
                    : $"the heading '{section.Heading}' appears {count} times: keep one");
            }
        }

        int[] order = [.. headings.Select(h => ReflectionSection.All.FirstOrDefault(s => ReflectionDocument.Matches(h.Text, s))?.Number ?? 0).Where(n => n > 0)];
        if (!order.SequenceEqual(order.Order()))
        {
            problems.Add($"the sections are out of order ({string.Join(", ", order)}): keep them in the template's order 1, 2, 3, 4");
        }

        int[] placeholders = [.. document.PlaceholderLines];
        if (placeholders.Length > 0)
        {
            problems.Add($"{placeholders.Length} placeholder line{(placeholders.Length == 1 ? string.Empty : "s")} from the template remain{(placeholders.Length == 1 ? "s" : string.Empty)} "
                + $"(line{(placeholders.Length == 1 ? string.Empty : "s")} {string.Join(", ", placeholders)}): replace each with your answer");
        }

        problems.ShouldBeEmpty($"{document.Path} must be valid markdown with every part of the template filled in");
    }

    private static SectionBody Section(ReflectionDocument document, ReflectionSection section)
    {
        SectionBody? body = document.Find(section);
        body.ShouldNotBeNull($"{document.Path} has no heading '{section.Heading}': keep the template's four headings as they are (your answer goes below each)");
        return body;
    }
}
