namespace Kata.Instructor.Similarity;

/// <summary>One learner file: its path in the kata (exercises/…), its lines as written and its tokens.</summary>
public sealed record SourceFile(string Path, IReadOnlyList<string> Lines, IReadOnlyList<CodeToken> Tokens)
{
    /// <summary>Reads C# source text.</summary>
    public static SourceFile Parse(string path, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SourceFile(path, source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), CSharpTokens.Read(source));
    }
}
