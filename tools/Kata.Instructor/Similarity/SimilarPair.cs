namespace Kata.Instructor.Similarity;

/// <summary>
/// How alike two submissions' code is. <see cref="Similarity"/> is 2 × <see cref="Shared"/> ÷
/// (<see cref="FingerprintsA"/> + <see cref="FingerprintsB"/>), counting only fingerprints that are neither
/// in the stubs nor common to the class; <see cref="SharedTokens"/> is the length of the shared fragments
/// together, each token counted once.
/// </summary>
public sealed record SimilarPair(
    string A,
    string B,
    double Similarity,
    int Shared,
    int FingerprintsA,
    int FingerprintsB,
    int SharedTokens,
    bool Flagged,
    IReadOnlyList<SharedFragment> Fragments)
{
    /// <summary>The longest shared fragment, in tokens (0 when none).</summary>
    public int Longest => Fragments.Count == 0 ? 0 : Fragments.Max(f => f.Tokens);
}
