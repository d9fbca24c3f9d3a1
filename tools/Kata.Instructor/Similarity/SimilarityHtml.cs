using System.Globalization;
using System.Text;

namespace Kata.Instructor.Similarity;

/// <summary>
/// The class report's section on similar submissions: each flagged pair with its score and its longest
/// shared fragments side by side, line numbers on both sides, the shared lines highlighted. Code from
/// submissions is escaped text, nothing else.
/// </summary>
public static class SimilarityHtml
{
    /// <summary>The section (<c>&lt;section id="similar"&gt;</c>); <paramref name="report"/> null when the class was not compared.</summary>
    public static string Section(SimilarityReport? report, string? whyNot = null)
    {
        var html = new StringBuilder("<section id=\"similar\">\n<h2>Similar submissions</h2>\n");
        if (report is null)
        {
            return html.AppendLine(CultureInfo.InvariantCulture, $"<p>Not compared: {TextEscaping.Html(whyNot ?? "fewer than two submissions with code")}.</p>").AppendLine("</section>").ToString();
        }

        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"legend\">{TextEscaping.Html(SimilarityText.Summary(report))} See docs/class-tools.md.</p>");
        foreach (SimilarPair pair in report.Flagged)
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<article class=\"pair\" data-a=\"{TextEscaping.Html(pair.A)}\" data-b=\"{TextEscaping.Html(pair.B)}\" data-similarity=\"{pair.Similarity.ToString("0.####", CultureInfo.InvariantCulture)}\">");
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<h3>{TextEscaping.Html(pair.A)} and {TextEscaping.Html(pair.B)} <span class=\"badge flag\">{SimilarityText.Percent(pair.Similarity)} alike</span></h3>");
            html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"legend\">{TextEscaping.Html(SimilarityText.Numbers(pair))}</p>");
            foreach ((SharedFragment fragment, int n) in pair.Fragments.Take(SimilarityText.FragmentsShown).Select((f, i) => (f, i + 1)))
            {
                html.Append(Fragment(pair, fragment, n));
            }

            if (pair.Fragments.Count > SimilarityText.FragmentsShown)
            {
                html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"note\">… and {pair.Fragments.Count - SimilarityText.FragmentsShown} shorter fragments (<code>./kata similar</code> lists them).</p>");
            }

            html.AppendLine("</article>");
        }

        return html.AppendLine("</section>").ToString();
    }

    private static string Fragment(SimilarPair pair, SharedFragment fragment, int n)
    {
        var html = new StringBuilder();
        html.AppendLine(CultureInfo.InvariantCulture, $"<table class=\"fragment\" data-tokens=\"{fragment.Tokens}\"><caption>Fragment {n}, {fragment.Tokens} tokens</caption>");
        html.AppendLine("<colgroup><col class=\"ln\"><col class=\"src\"><col class=\"ln\"><col class=\"src\"></colgroup>");
        html.AppendLine(CultureInfo.InvariantCulture,
            $"<thead><tr><th scope=\"col\" colspan=\"2\">{TextEscaping.Html(pair.A)} · {TextEscaping.Html(SimilarityText.Where(fragment.A))}</th><th scope=\"col\" colspan=\"2\">{TextEscaping.Html(pair.B)} · {TextEscaping.Html(SimilarityText.Where(fragment.B))}</th></tr></thead>");
        html.AppendLine("<tbody>");
        int lines = Math.Max(fragment.A.Lines.Count, fragment.B.Lines.Count);
        int rows = Math.Min(SimilarityText.LinesShown, lines);
        for (int row = 0; row < rows; row++)
        {
            html.Append("<tr>").Append(Cells(fragment.A, row)).Append(Cells(fragment.B, row)).AppendLine("</tr>");
        }

        if (rows < lines)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<tr><td class=\"more\" colspan=\"4\">… {lines - rows} more lines</td></tr>");
        }

        return html.AppendLine("</tbody></table>").ToString();
    }

    private static string Cells(CodeExcerpt excerpt, int row)
    {
        if (row >= excerpt.Lines.Count)
        {
            return "<td class=\"ln\"></td><td class=\"src\"></td>";
        }

        int number = excerpt.FirstShown + row;
        string shared = excerpt.Shared(number) ? " shared" : string.Empty;
        string code = TextEscaping.Html(excerpt.Lines[row].Replace("\t", "    ", StringComparison.Ordinal).TrimEnd());
        return string.Create(CultureInfo.InvariantCulture, $"<td class=\"ln{shared}\">{number}</td><td class=\"src{shared}\">{code}</td>");
    }
}
