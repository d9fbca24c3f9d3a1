using System.Text;
using System.Text.RegularExpressions;
using Kata.Core;

namespace Kata.Tests.Checkpoint05;

using Kata.TestSupport;
using NUnit.Framework;

/// <summary>One of the four sections the reflection must have.</summary>
/// <param name="Number">Its number in the heading.</param>
/// <param name="Title">Its heading, without the number.</param>
/// <param name="Topic">What it is about, for failure messages.</param>
public sealed record ReflectionSection(int Number, string Title, string Topic)
{
    /// <summary>The heading as the template writes it.</summary>
    public string Heading => $"## {Number}. {Title}";

    /// <summary>The four sections, in order.</summary>
    public static IReadOnlyList<ReflectionSection> All { get; } =
    [
        new(1, "Matrix multiplication in a transformer", "where matrix products appear in a transformer"),
        new(2, "The chain rule and autograd", "how your backpropagation relates to a framework's autograd"),
        new(3, "Attention and your dense layer", "how attention's weights differ from your layer's fixed weights"),
        new(4, "Sequences: the shape of the data and of the computation", "what a sequence changes in the data's shape and the computation"),
    ];

    /// <inheritdoc />
    public override string ToString() => $"{Number}. {Title}";
}

/// <summary>
/// Reads the learner's reflection as markdown, line by line: headings, quotes, code blocks and HTML
/// comments are told apart from the learner's own prose, and what is broken (a comment or code block
/// that never closes, text that is not UTF-8) is noted. Structure only: the instructor reads the content.
/// </summary>
public sealed partial class ReflectionDocument
{
    private readonly List<Line> _lines = [];
    private readonly List<string> _problems = [];

    private ReflectionDocument(string path) => Path = path;

    /// <summary>The file's path relative to the kata's root, for messages.</summary>
    public string Path { get; }

    /// <summary>What makes the file invalid markdown, as sentences.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The ## headings, with their line numbers.</summary>
    public IEnumerable<(string Text, int LineNumber)> SectionHeadings =>
        _lines.Where(l => l.Kind == LineKind.Heading && l.Level == 2).Select(l => (l.Text, l.Number));

    /// <summary>True when there is a # title.</summary>
    public bool HasTitle => _lines.Any(l => l.Kind == LineKind.Heading && l.Level == 1);

    /// <summary>The numbers of the lines that still hold the template's placeholder.</summary>
    public IEnumerable<int> PlaceholderLines => _lines.Where(l => IsPlaceholder(l.Raw)).Select(l => l.Number);

    /// <summary>Reads the reflection of the track under test, or fails the test with what to do.</summary>
    public static ReflectionDocument Load()
    {
        string full = KataEnvironment.TrackPath("Checkpoint05.Reflection", "REFLECTION.md");
        string relative = System.IO.Path.GetRelativePath(KataEnvironment.Root, full).Replace('\\', '/');
        if (!File.Exists(full))
        {
            Assert.Fail($"{relative} is missing. Restore the template with `./kata reset 5` (or `git checkout -- {relative}`) and write your reflection in it.");
        }

        var document = new ReflectionDocument(relative);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(full));
        }
        catch (DecoderFallbackException)
        {
            document._problems.Add("it is not UTF-8 text: save it as UTF-8 in your editor");
            text = Encoding.UTF8.GetString(File.ReadAllBytes(full));
        }

        document.Scan(text);
        return document;
    }

    /// <summary>True when a line is (or is left of) the template's placeholder line.</summary>
    public static bool IsPlaceholder(string line) =>
        line.Contains(Stubs.Placeholder, StringComparison.Ordinal)
        || line.Contains("Replace this line with your answer", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body of <paramref name="section"/>, or null when its heading is missing.</summary>
    public SectionBody? Find(ReflectionSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        int start = _lines.FindIndex(l => l.Kind == LineKind.Heading && l.Level == 2 && Matches(l.Text, section));
        if (start < 0)
        {
            return null;
        }

        var body = _lines.Skip(start + 1).TakeWhile(l => !(l.Kind == LineKind.Heading && l.Level <= 2)).ToList();
        return new SectionBody(section, body);
    }

    /// <summary>True when a heading's text names <paramref name="section"/> ("1. Matrix multiplication in a transformer").</summary>
    public static bool Matches(string heading, ReflectionSection section)
    {
        ArgumentNullException.ThrowIfNull(heading);
        ArgumentNullException.ThrowIfNull(section);
        return Normalize(heading) == Normalize($"{section.Number}. {section.Title}");
    }

    private static string Normalize(string text) =>
        Spaces().Replace(Punctuation().Replace(text.ToLowerInvariant(), " "), " ").Trim();

    private void Scan(string text)
    {
        string[] raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? fence = null;
        int fenceStart = 0, commentStart = 0;
        bool inComment = false;
        for (int i = 0; i < raw.Length; i++)
        {
            int number = i + 1;
            string line = raw[i];
            if (fence is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                _lines.Add(new Line(number, LineKind.Code, line, line, 0));
                continue;
            }

            // Drop HTML comments, which may span lines: the reader never sees them.
            var visible = new StringBuilder();
            int at = 0;
            while (at < line.Length)
            {
                if (inComment)
                {
                    int end = line.IndexOf("-->", at, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        at = line.Length;
                        break;
                    }

                    inComment = false;
                    at = end + 3;
                    continue;
                }

                int open = line.IndexOf("<!--", at, StringComparison.Ordinal);
                if (open < 0)
                {
                    visible.Append(line, at, line.Length - at);
                    break;
                }

                visible.Append(line, at, open - at);
                inComment = true;
                commentStart = number;
                at = open + 4;
            }

            string content = visible.ToString();
            string trimmed = content.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                fenceStart = number;
                _lines.Add(new Line(number, LineKind.Code, line, content, 0));
            }
            else if (Heading().Match(content) is { Success: true } heading)
            {
                _lines.Add(new Line(number, LineKind.Heading, line, heading.Groups["text"].Value.Trim(), heading.Groups["level"].Length));
            }
            else if (trimmed.StartsWith('>'))
            {
                _lines.Add(new Line(number, LineKind.Quote, line, content, 0));
            }
            else
            {
                _lines.Add(new Line(number, string.IsNullOrWhiteSpace(content) ? LineKind.Blank : LineKind.Text, line, content, 0));
            }
        }

        if (inComment)
        {
            _problems.Add($"the HTML comment opened on line {commentStart} (<!--) is never closed (-->), so everything after it is hidden");
        }

        if (fence is not null)
        {
            _problems.Add($"the code block opened on line {fenceStart} ({fence}) is never closed, so everything after it shows as code");
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<level>#{1,6})\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    internal enum LineKind
    {
        Blank,
        Text,
        Heading,
        Quote,
        Code,
    }

    /// <summary>One line: its number, what it is, the raw text and the visible text (comments removed).</summary>
    internal sealed record Line(int Number, LineKind Kind, string Raw, string Text, int Level);
}

/// <summary>The lines of one section, between its heading and the next.</summary>
public sealed partial class SectionBody
{
    private readonly IReadOnlyList<ReflectionDocument.Line> _lines;

    internal SectionBody(ReflectionSection section, IReadOnlyList<ReflectionDocument.Line> lines)
    {
        Section = section;
        _lines = lines;
    }

    /// <summary>The section.</summary>
    public ReflectionSection Section { get; }

    /// <summary>True when a line of the section still holds the placeholder.</summary>
    public bool HasPlaceholder => _lines.Any(l => ReflectionDocument.IsPlaceholder(l.Raw));

    /// <summary>The learner's own prose: text lines (not quotes, code, headings or comments), links reduced to their text.</summary>
    public string Prose => string.Join(' ', _lines.Where(l => l.Kind == ReflectionDocument.LineKind.Text).Select(l => LinkTarget().Replace(l.Text, string.Empty)));

    /// <summary>The words of <see cref="Prose"/>.</summary>
    public IReadOnlyList<string> Words => [.. Word().Matches(Prose).Select(m => m.Value.ToLowerInvariant())];

    /// <summary>
    /// The share (0 to 1) of this section's five-word runs that also occur in <paramref name="other"/>:
    /// near 0 for different answers, near 1 for a copy.
    /// </summary>
    public double Overlap(SectionBody other)
    {
        ArgumentNullException.ThrowIfNull(other);
        HashSet<string> mine = Shingles(Words), theirs = Shingles(other.Words);
        return mine.Count == 0 ? 0 : mine.Count(theirs.Contains) / (double)mine.Count;
    }

    private static HashSet<string> Shingles(IReadOnlyList<string> words) =>
        words.Count < 5
            ? words.Count == 0 ? [] : [string.Join(' ', words)]
            : [.. Enumerable.Range(0, words.Count - 4).Select(i => string.Join(' ', words.Skip(i).Take(5)))];

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    // "[text](https://…)" keeps "[text]": the address is not the learner's words.
    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();
}
