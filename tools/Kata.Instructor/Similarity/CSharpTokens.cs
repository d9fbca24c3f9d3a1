using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Kata.Instructor.Similarity;

/// <summary>
/// C# source as a list of normalised tokens, from Roslyn's lexer: comments, whitespace, line breaks and
/// preprocessor lines are trivia and vanish; every identifier becomes one kind of token and every literal
/// (number, string, character, interpolated string) another. What is left is the shape of the code, which
/// renaming, reformatting and rewording comments do not change.
/// </summary>
public static class CSharpTokens
{
    /// <summary>The kind every identifier (a name, <c>var</c>, a contextual keyword used as a name) becomes.</summary>
    public const int Name = -1;

    /// <summary>The kind every literal becomes.</summary>
    public const int Literal = -2;

    /// <summary>The tokens of <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<CodeToken> Read(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = SourceText.From(source);
        var tokens = new List<CodeToken>();
        foreach (SyntaxToken token in SyntaxFactory.ParseTokens(source))
        {
            SyntaxKind kind = token.Kind();
            if (kind == SyntaxKind.EndOfFileToken)
            {
                break;
            }

            int normal = kind == SyntaxKind.IdentifierToken ? Name : IsLiteral(kind) ? Literal : (int)kind;
            tokens.Add(new CodeToken(normal, text.Lines.GetLineFromPosition(token.SpanStart).LineNumber + 1));
        }

        return tokens;
    }

    private static bool IsLiteral(SyntaxKind kind) => kind
        is SyntaxKind.NumericLiteralToken or SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken
        or SyntaxKind.InterpolatedStringToken or SyntaxKind.InterpolatedStringTextToken
        or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
        or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken;
}
