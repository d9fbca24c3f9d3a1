using System.Text;

namespace Kata.Bench;

/// <summary>A plain text table: the first column left-aligned, the others right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    public override string ToString()
    {
        int[] widths = [.. headers.Select((h, c) => rows.Select(r => c < r.Length ? r[c].Length : 0).Append(h.Length).Max())];
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine("  " + string.Join("  ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        Line(headers);
        Line([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Line);
        return text.ToString();
    }
}
