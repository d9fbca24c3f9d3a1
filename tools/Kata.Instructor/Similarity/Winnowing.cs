namespace Kata.Instructor.Similarity;

/// <summary>
/// Fingerprints in the manner of winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003; MOSS and Dolos
/// work this way): every run of <c>k</c> consecutive tokens (a k-gram) is hashed, and from every window of
/// <c>w</c> consecutive k-gram hashes the smallest is kept (the rightmost of equals), once. Any stretch of
/// at least <c>w + k − 1</c> tokens that two files share is sure to give them a fingerprint in common, and
/// where a fragment lies in a file does not matter: moving methods around changes nothing but the few
/// k-grams across their borders.
/// </summary>
public static class Winnowing
{
    /// <summary>The hash of every k-gram of <paramref name="tokens"/>, by the position of its first token (empty when there are fewer than k tokens).</summary>
    public static ulong[] KGrams(IReadOnlyList<CodeToken> tokens, int k)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int count = Math.Max(0, tokens.Count - k + 1);
        var hashes = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            // FNV-1a over the token kinds: the same on every machine and every run (string hashes are not).
            ulong hash = 14695981039346656037UL;
            for (int j = i; j < i + k; j++)
            {
                hash = (hash ^ (uint)tokens[j].Kind) * 1099511628211UL;
            }

            hashes[i] = hash;
        }

        return hashes;
    }

    /// <summary>The positions of the k-grams winnowing keeps, in order: the smallest hash of every window of <paramref name="w"/> (a shorter sequence is one window).</summary>
    public static IReadOnlyList<int> Select(ulong[] hashes, int w)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var kept = new List<int>();
        if (hashes.Length == 0)
        {
            return kept;
        }

        int windows = Math.Max(1, hashes.Length - w + 1);
        for (int start = 0; start < windows; start++)
        {
            int end = Math.Min(hashes.Length, start + w);
            int smallest = start;
            for (int i = start + 1; i < end; i++)
            {
                if (hashes[i] <= hashes[smallest])
                {
                    smallest = i;
                }
            }

            if (kept.Count == 0 || kept[^1] != smallest)
            {
                kept.Add(smallest);
            }
        }

        return kept;
    }
}
