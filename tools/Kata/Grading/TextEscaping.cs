using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Kata.Cli.Grading;

/// <summary>
/// Makes text that came from a submission safe where it is shown: markdown (and the HTML GitHub renders
/// from it), CSV opened in a spreadsheet, a terminal.
/// </summary>
public static class TextEscaping
{
    /// <summary>
    /// One line of plain text in markdown: control characters dropped, line breaks turned into spaces,
    /// HTML's &lt; &gt; &amp; as entities and markdown's punctuation behind a backslash.
    /// </summary>
    public static string Markdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var md = new StringBuilder(text.Length + 16);
        foreach (char c in Plain(text))
        {
            switch (c)
            {
                case '<': md.Append("&lt;"); break;
                case '>': md.Append("&gt;"); break;
                case '&': md.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~' or '"':
                    md.Append('\\').Append(c);
                    break;
                default: md.Append(c); break;
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// A CSV field: quoted when it holds a comma, quote or line break, and a leading = + - @ (which a
    /// spreadsheet would run as a formula) defused with an apostrophe.
    /// </summary>
    public static string Csv(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text = Plain(value);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    /// <summary>HTML text content and attribute values.</summary>
    public static string Html(string value) => HtmlEncoder.Default.Encode(Plain(value));

    /// <summary>
    /// One line without control characters (terminal escape sequences, carriage returns), and with every
    /// format character (Unicode category Cf: the bidi overrides U+202A–202E and U+2066–2069, zero-width
    /// characters, soft hyphens) written as its code point, so that no text can reorder or hide what is
    /// shown around it.
    /// </summary>
    public static string Plain(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is '\n' or '\r' or '\t')
            {
                text.Append(' ');
            }
            else if (char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                text.Append(CultureInfo.InvariantCulture, $"<U+{(int)c:X4}>");
            }
            else if (!char.IsControl(c))
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
