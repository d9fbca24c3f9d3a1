namespace Kata.Instructor.Similarity;

/// <summary>
/// One side of a shared fragment: lines <paramref name="FirstLine"/> to <paramref name="LastLine"/> of a file,
/// and the lines shown around them (<paramref name="Lines"/>, from line <paramref name="FirstShown"/>).
/// </summary>
public sealed record CodeExcerpt(string File, int FirstLine, int LastLine, int FirstShown, IReadOnlyList<string> Lines)
{
    /// <summary>Whether line <paramref name="line"/> (1-based) is part of the shared fragment.</summary>
    public bool Shared(int line) => line >= FirstLine && line <= LastLine;
}
