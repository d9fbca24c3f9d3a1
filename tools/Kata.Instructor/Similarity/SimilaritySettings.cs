namespace Kata.Instructor.Similarity;

/// <summary>
/// How submissions are compared and when a pair is flagged; docs/class-tools.md explains each number.
/// </summary>
/// <param name="K">Tokens per k-gram: shorter shared runs are never seen.</param>
/// <param name="W">The winnowing window: every shared run of at least K + W − 1 tokens gives a fingerprint in common.</param>
/// <param name="Threshold">A pair is flagged from this similarity on (2 × shared ÷ (fingerprints of one + of the other)).</param>
/// <param name="MinimumTokens">… and only when its shared fragments hold at least this many tokens in all.</param>
/// <param name="CommonFraction">A fingerprint is common to the class, and left out, when more than this fraction of the submissions have it …</param>
/// <param name="CommonMinimum">… and at least this many.</param>
public sealed record SimilaritySettings(int K, int W, double Threshold, int MinimumTokens, double CommonFraction, int CommonMinimum)
{
    /// <summary>The kata's defaults.</summary>
    public static readonly SimilaritySettings Default = new(K: 23, W: 17, Threshold: 0.5, MinimumTokens: 150, CommonFraction: 0.25, CommonMinimum: 4);

    /// <summary>How many submissions must have a fingerprint for it to be common, in a class of <paramref name="submissions"/>.</summary>
    public int CommonCount(int submissions) => Math.Max(CommonMinimum, (int)Math.Floor(CommonFraction * submissions) + 1);
}
