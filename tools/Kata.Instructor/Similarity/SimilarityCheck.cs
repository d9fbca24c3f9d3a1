namespace Kata.Instructor.Similarity;

/// <summary>
/// Compares every pair of a class's submissions, as MOSS and Dolos do: normalised C# tokens
/// (<see cref="CSharpTokens"/>), fingerprints by winnowing (<see cref="Winnowing"/>), minus every k-gram of
/// the stubs and provided files and minus the fingerprints common to the class; then, for each pair, the
/// shared fingerprints are grown into the longest runs of equal tokens both have (the fragments shown).
/// </summary>
public static class SimilarityCheck
{
    /// <summary>Lines of context shown before and after a fragment.</summary>
    public const int Context = 1;

    /// <summary>Compares <paramref name="submissions"/>, leaving out what <paramref name="pristine"/> (the stubs and provided files) already has.</summary>
    public static SimilarityReport Compare(IReadOnlyList<SubmissionCode> submissions, IReadOnlyList<SourceFile> pristine, SimilaritySettings settings)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(pristine);
        ArgumentNullException.ThrowIfNull(settings);
        var given = new HashSet<ulong>(pristine.SelectMany(f => Winnowing.KGrams(f.Tokens, settings.K)));

        // Every k-gram a submission has, for telling what is common to the class; and its fingerprints.
        var grams = new List<HashSet<ulong>>();
        var prints = new List<Dictionary<ulong, List<(int File, int Position)>>>();
        foreach (SubmissionCode submission in submissions)
        {
            var all = new HashSet<ulong>();
            var kept = new Dictionary<ulong, List<(int, int)>>();
            for (int file = 0; file < submission.Files.Count; file++)
            {
                ulong[] hashes = Winnowing.KGrams(submission.Files[file].Tokens, settings.K);
                all.UnionWith(hashes);
                foreach (int position in Winnowing.Select(hashes, settings.W).Where(p => !given.Contains(hashes[p])))
                {
                    (kept.TryGetValue(hashes[position], out List<(int, int)>? at) ? at : kept[hashes[position]] = []).Add((file, position));
                }
            }

            grams.Add(all);
            prints.Add(kept);
        }

        int needed = settings.CommonCount(submissions.Count);
        var common = grams.SelectMany(g => g).GroupBy(h => h).Where(g => g.Count() >= needed).Select(g => g.Key).ToHashSet();
        var own = prints.Select(p => p.Keys.Where(h => !common.Contains(h)).ToHashSet()).ToList();

        var pairs = new List<SimilarPair>();
        for (int a = 0; a < submissions.Count; a++)
        {
            for (int b = a + 1; b < submissions.Count; b++)
            {
                var shared = own[a].Where(own[b].Contains).ToList();
                int total = own[a].Count + own[b].Count;
                double similarity = total == 0 ? 0 : 2.0 * shared.Count / total;
                IReadOnlyList<SharedFragment> fragments = Fragments(submissions[a], submissions[b], shared, prints[a], prints[b], settings.K);
                int tokens = fragments.Sum(f => f.Tokens);
                pairs.Add(new SimilarPair(
                    submissions[a].Name, submissions[b].Name, similarity, shared.Count, own[a].Count, own[b].Count, tokens,
                    similarity >= settings.Threshold && tokens >= settings.MinimumTokens, fragments));
            }
        }

        return new SimilarityReport(
            [.. submissions.Select(s => s.Name)],
            [.. pairs.OrderByDescending(p => p.Flagged).ThenByDescending(p => p.Similarity).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal)],
            common.Count,
            settings);
    }

    // Each shared fingerprint grown into the longest run of equal tokens around it, then the runs laid
    // longest first where neither side is taken yet (as greedy string tiling does).
    private static List<SharedFragment> Fragments(
        SubmissionCode a,
        SubmissionCode b,
        List<ulong> shared,
        Dictionary<ulong, List<(int File, int Position)>> atA,
        Dictionary<ulong, List<(int File, int Position)>> atB,
        int k)
    {
        var runs = new HashSet<(int FileA, int StartA, int FileB, int StartB, int Length)>();
        foreach (ulong hash in shared)
        {
            foreach ((int fileA, int positionA) in atA[hash])
            {
                foreach ((int fileB, int positionB) in atB[hash])
                {
                    IReadOnlyList<CodeToken> x = a.Files[fileA].Tokens, y = b.Files[fileB].Tokens;
                    if (!Enumerable.Range(0, k).All(i => x[positionA + i].Kind == y[positionB + i].Kind))
                    {
                        continue; // two k-grams with the same hash that are not the same
                    }

                    int start = 0;
                    while (positionA + start > 0 && positionB + start > 0 && x[positionA + start - 1].Kind == y[positionB + start - 1].Kind)
                    {
                        start--;
                    }

                    int end = k;
                    while (positionA + end < x.Count && positionB + end < y.Count && x[positionA + end].Kind == y[positionB + end].Kind)
                    {
                        end++;
                    }

                    runs.Add((fileA, positionA + start, fileB, positionB + start, end - start));
                }
            }
        }

        var takenA = a.Files.Select(f => new bool[f.Tokens.Count]).ToList();
        var takenB = b.Files.Select(f => new bool[f.Tokens.Count]).ToList();
        var fragments = new List<SharedFragment>();
        foreach (var run in runs.OrderByDescending(r => r.Length).ThenBy(r => r.FileA).ThenBy(r => r.StartA).ThenBy(r => r.FileB).ThenBy(r => r.StartB))
        {
            if (Taken(takenA[run.FileA], run.StartA, run.Length) || Taken(takenB[run.FileB], run.StartB, run.Length))
            {
                continue;
            }

            Array.Fill(takenA[run.FileA], true, run.StartA, run.Length);
            Array.Fill(takenB[run.FileB], true, run.StartB, run.Length);
            fragments.Add(new SharedFragment(run.Length, Excerpt(a.Files[run.FileA], run.StartA, run.Length), Excerpt(b.Files[run.FileB], run.StartB, run.Length)));
        }

        return fragments;
    }

    private static bool Taken(bool[] taken, int start, int length) => Array.IndexOf(taken, true, start, length) >= 0;

    // The whole lines of a fragment: a line it shares only in part (its last tokens at the start, its first
    // tokens at the end) is context, unless the fragment lies within a line or two.
    private static CodeExcerpt Excerpt(SourceFile file, int start, int length)
    {
        IReadOnlyList<CodeToken> tokens = file.Tokens;
        int end = start + length - 1;
        int first = tokens[start].Line, last = tokens[end].Line;
        if (start > 0 && tokens[start - 1].Line == first && first < last)
        {
            first++;
        }

        if (end + 1 < tokens.Count && tokens[end + 1].Line == last && last > first)
        {
            last--;
        }

        int firstShown = Math.Max(1, first - Context), lastShown = Math.Min(file.Lines.Count, last + Context);
        return new CodeExcerpt(file.Path, first, last, firstShown, [.. file.Lines.Skip(firstShown - 1).Take(lastShown - firstShown + 1)]);
    }
}
