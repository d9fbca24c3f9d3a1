namespace Kata.Core;

/// <summary>
/// What the learner's files look like before they write anything: C# methods whose body throws
/// <see cref="NotImplementedException"/>, and markdown sections that hold a placeholder line marked
/// with <see cref="Placeholder"/>. The reflection's tests and <c>kata reset</c> both use this.
/// </summary>
public static class Stubs
{
    /// <summary>Marks a placeholder line in a markdown template; the learner replaces the line with their answer.</summary>
    public const string Placeholder = "✎";

    private const string Throw = "NotImplementedException(";

    /// <summary>The number of stubs in a file's text: unwritten methods plus placeholder lines.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Occurrences(text, Throw) + Occurrences(text, Placeholder);
    }

    private static int Occurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
