namespace Kata.Instructor.Similarity;

/// <summary>Every pair of a class's submissions compared: the flagged ones first, then by similarity.</summary>
/// <param name="Submissions">The submissions compared, in the order given.</param>
/// <param name="Pairs">Every pair, most alike first.</param>
/// <param name="CommonFingerprints">Fingerprints left out because they are common to the class.</param>
/// <param name="Settings">The numbers the comparison used.</param>
public sealed record SimilarityReport(IReadOnlyList<string> Submissions, IReadOnlyList<SimilarPair> Pairs, int CommonFingerprints, SimilaritySettings Settings)
{
    /// <summary>The pairs that are unusually alike.</summary>
    public IReadOnlyList<SimilarPair> Flagged => [.. Pairs.Where(p => p.Flagged)];
}
