using System.Globalization;
using System.Text;

namespace Kata.Instructor.Similarity;

/// <summary>
/// The comparison as markdown that also reads as plain text in a terminal: each flagged pair with its
/// score and its longest shared fragments side by side, line numbers on both sides, the shared lines
/// marked ▌ (one line of context around them is not). Code from submissions is shown as plain text only.
/// </summary>
public static class SimilarityText
{
    /// <summary>Fragments shown for each flagged pair (the longest).</summary>
    public const int FragmentsShown = 5;

    /// <summary>Lines shown of one side of a fragment.</summary>
    public const int LinesShown = 24;

    private const int Column = 60;

    /// <summary>The report as markdown.</summary>
    public static string Markdown(SimilarityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("## Similar submissions");
        md.AppendLine();
        md.AppendLine(Summary(report));
        foreach (SimilarPair pair in report.Flagged)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {TextEscaping.Markdown(pair.A)} and {TextEscaping.Markdown(pair.B)}: {Percent(pair.Similarity)} alike");
            md.AppendLine();
            md.AppendLine(Numbers(pair));
            foreach ((SharedFragment fragment, int n) in pair.Fragments.Take(FragmentsShown).Select((f, i) => (f, i + 1)))
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"Fragment {n}, {fragment.Tokens} tokens: {TextEscaping.Markdown(pair.A)} {TextEscaping.Markdown(Where(fragment.A))}, {TextEscaping.Markdown(pair.B)} {TextEscaping.Markdown(Where(fragment.B))}");
                md.AppendLine();
                string block = SideBySide(pair, fragment);
                string fence = new('`', Math.Max(3, LongestRun(block, '`') + 1));
                md.AppendLine(fence + "text").Append(block).AppendLine(fence);
            }

            if (pair.Fragments.Count > FragmentsShown)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"… and {pair.Fragments.Count - FragmentsShown} shorter fragments.");
            }
        }

        return md.ToString();
    }

    /// <summary>One sentence: what was compared, what is flagged and why.</summary>
    public static string Summary(SimilarityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        SimilaritySettings s = report.Settings;
        int flagged = report.Flagged.Count;
        string most = report.Pairs.Count == 0 ? string.Empty
            : flagged == 0 ? $" The most alike: {TextEscaping.Plain(report.Pairs[0].A)} and {TextEscaping.Plain(report.Pairs[0].B)}, {Percent(report.Pairs[0].Similarity)}."
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{report.Submissions.Count} submissions, {report.Pairs.Count} pairs compared: ")
            + (flagged == 0 ? "none is unusually alike" : flagged == 1 ? "1 pair is unusually alike" : $"{flagged} pairs are unusually alike")
            + string.Create(CultureInfo.InvariantCulture, $" (flagged from {Percent(s.Threshold)} similarity with at least {s.MinimumTokens} tokens in shared fragments; ")
            + string.Create(CultureInfo.InvariantCulture, $"what the stubs give and {report.CommonFingerprints} fingerprints common to {s.CommonCount(report.Submissions.Count)} or more submissions left out).")
            + most;
    }

    /// <summary>The pair's numbers in one sentence.</summary>
    public static string Numbers(SimilarPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{pair.Shared} fingerprints in common of {pair.FingerprintsA} and {pair.FingerprintsB}; {pair.Fragments.Count} shared fragments, {pair.SharedTokens} tokens in all, the longest {pair.Longest}.");
    }

    /// <summary>"exercises/…/File.cs lines 5–20".</summary>
    public static string Where(CodeExcerpt excerpt)
    {
        ArgumentNullException.ThrowIfNull(excerpt);
        return string.Create(CultureInfo.InvariantCulture, $"{excerpt.File} {(excerpt.FirstLine == excerpt.LastLine ? $"line {excerpt.FirstLine}" : $"lines {excerpt.FirstLine}–{excerpt.LastLine}")}");
    }

    /// <summary>A similarity as a whole percentage.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string SideBySide(SimilarPair pair, SharedFragment fragment)
    {
        var text = new StringBuilder();
        text.Append(Cell(TextEscaping.Plain($"{pair.A} · {Path.GetFileName(fragment.A.File)}"))).Append(" │ ").AppendLine(TextEscaping.Plain($"{pair.B} · {Path.GetFileName(fragment.B.File)}"));
        int rows = Math.Min(LinesShown, Math.Max(fragment.A.Lines.Count, fragment.B.Lines.Count));
        for (int row = 0; row < rows; row++)
        {
            text.Append(Cell(Line(fragment.A, row))).Append(" │ ").AppendLine(Line(fragment.B, row).TrimEnd());
        }

        if (rows < Math.Max(fragment.A.Lines.Count, fragment.B.Lines.Count))
        {
            text.AppendLine("…");
        }

        return text.ToString();
    }

    private static string Line(CodeExcerpt excerpt, int row)
    {
        if (row >= excerpt.Lines.Count)
        {
            return string.Empty;
        }

        int number = excerpt.FirstShown + row;
        return string.Create(CultureInfo.InvariantCulture, $"{(excerpt.Shared(number) ? '▌' : ' ')}{number,4}  {Code(excerpt.Lines[row])}");
    }

    // A line of code from a submission as plain text: tabs as four spaces, no control or format character.
    private static string Code(string line) => TextEscaping.Plain(line.Replace("\t", "    ", StringComparison.Ordinal)).TrimEnd();

    private static string Cell(string text) => text.Length > Column ? text[..(Column - 1)] + "…" : text.PadRight(Column);

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (char x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
