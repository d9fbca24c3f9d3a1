namespace Kata.Instructor.Similarity;

/// <summary>A run of tokens two submissions have in common (after normalisation), as it stands in each.</summary>
public sealed record SharedFragment(int Tokens, CodeExcerpt A, CodeExcerpt B);
