namespace Kata.Instructor.Similarity;

/// <summary>
/// One C# token as the comparison sees it: its kind with every name and every literal made alike (so a
/// renamed variable or a changed constant is the same token), and the line it starts on (1-based).
/// </summary>
/// <param name="Kind">The normalised kind: <see cref="CSharpTokens.Name"/>, <see cref="CSharpTokens.Literal"/> or a keyword's or punctuation's own kind.</param>
/// <param name="Line">The line of the file the token starts on, from 1.</param>
public readonly record struct CodeToken(int Kind, int Line);
