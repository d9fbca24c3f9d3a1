namespace Kata.Cli.Infrastructure;

/// <summary>Reads a text file that a submission could have written (a test host's stderr) without trusting its size.</summary>
public static class TextLines
{
    /// <summary>The longest line returned; longer ones are skipped (none of the kata's own lines is this long).</summary>
    public const int MaxLineLength = 8192;

    /// <summary>The most lines read from one file.</summary>
    public const int MaxLines = 1_000_000;

    /// <summary>The file's lines up to <see cref="MaxLines"/>, without those longer than <see cref="MaxLineLength"/>; none when it does not exist.</summary>
    public static IEnumerable<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var reader = new StreamReader(path);
        var line = new System.Text.StringBuilder();
        bool tooLong = false;
        int count = 0;
        int c;
        while (count < MaxLines && (c = reader.Read()) >= 0)
        {
            if (c == '\n')
            {
                if (!tooLong)
                {
                    count++;
                    yield return line.ToString().TrimEnd('\r');
                }

                line.Clear();
                tooLong = false;
            }
            else if (!tooLong)
            {
                if (line.Length >= MaxLineLength)
                {
                    tooLong = true;
                    line.Clear();
                }
                else
                {
                    line.Append((char)c);
                }
            }
        }

        if (line.Length > 0 && !tooLong && count < MaxLines)
        {
            yield return line.ToString();
        }
    }
}
