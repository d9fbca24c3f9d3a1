using System.Text;

namespace Kata.Instructor.Gradebook;

/// <summary>
/// Reads the students file of <c>--students</c>: a CSV whose first line names the columns —
/// <c>submission</c> and any of <c>Student</c>, <c>ID</c>, <c>SIS User ID</c>, <c>SIS Login ID</c>,
/// <c>Section</c>, <c>Email</c> (Canvas's own names, in any order and case; other columns are ignored), so
/// the first columns of a Canvas gradebook export with a <c>submission</c> column added will do.
/// </summary>
public static class StudentsFile
{
    private static readonly string[] Known = ["submission", "student", "id", "sis user id", "sis login id", "section", "email"];

    /// <summary>The students by submission name.</summary>
    /// <exception cref="InvalidDataException">The file is not such a CSV; the message names the line and what is wrong.</exception>
    public static IReadOnlyDictionary<string, StudentRecord> Read(string path)
    {
        List<List<string>> rows = Csv(File.ReadAllText(path));
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path} is empty; its first line names the columns, one of them \"submission\".");
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name);
        if (Column("submission") < 0)
        {
            throw new InvalidDataException($"{path}: the first line names the columns, and none is \"submission\" (it has {string.Join(", ", rows[0])}).");
        }

        if (!Known.Skip(1).Where(k => k is "id" or "sis user id" or "sis login id" or "email").Any(k => Column(k) >= 0))
        {
            throw new InvalidDataException($"{path}: no column identifies a student to the LMS; give one of ID, SIS User ID, SIS Login ID or Email.");
        }

        var students = new Dictionary<string, StudentRecord>(StringComparer.Ordinal);
        for (int line = 1; line < rows.Count; line++)
        {
            List<string> row = rows[line];
            string Field(string name) => Column(name) is int i and >= 0 && i < row.Count ? row[i].Trim() : string.Empty;
            string submission = Field("submission");
            if (submission.Length == 0)
            {
                continue; // a blank line, or Canvas's "Points Possible" row
            }

            if (!students.TryAdd(submission, new StudentRecord(submission, Field("student"), Field("id"), Field("sis user id"), Field("sis login id"), Field("section"), Field("email"))))
            {
                throw new InvalidDataException($"{path}, line {line + 1}: submission \"{submission}\" is listed twice.");
            }
        }

        return students;
    }

    // RFC 4180: fields separated by commas, quoted with double quotes (a quote inside doubled), records by line breaks.
    private static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString());
                    rows.Add(row);
                    row = [];
                    field.Clear();
                    any = false;
                    break;
                case '\uFEFF' when i == 0: break; // the byte-order mark a spreadsheet writes
                default: field.Append(c); any = true; break;
            }
        }

        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
