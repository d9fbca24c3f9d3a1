using System.Text.Json;

namespace Kata.Core;

/// <summary>
/// What learner code may use from the .NET base library, per checkpoint: the allowlist in
/// <see cref="FileName"/>, applied to what <see cref="CodeUses"/> reads from a compiled learner assembly.
/// Everything not allowed is refused with one sentence that names the learner's method, what it uses and
/// why. The grader checks this before any learner code runs; the learner meets the same sentences in
/// their own <c>dotnet test</c> (a rules test), so nothing is a surprise at grading.
/// </summary>
public sealed class AllowedApi
{
    /// <summary>The allowlist, relative to the kata's root.</summary>
    public const string FileName = "tests/Kata.Tests/Rules/allowed-api.json";

    /// <summary>At most this many sentences per assembly: one mistake repeated in a loop should not bury the others.</summary>
    public const int MaxRefusalsPerAssembly = 12;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly List<Rule> _rules;

    private AllowedApi(string summary, List<Rule> rules)
    {
        Summary = summary;
        _rules = rules;
    }

    /// <summary>What learner code may use, in words (the end of every refusal).</summary>
    public string Summary { get; }

    /// <summary>Reads the allowlist of the kata at <paramref name="root"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or not the allowlist's format.</exception>
    public static AllowedApi Load(string root)
    {
        string path = Path.Combine(root, FileName);
        ListFile file;
        try
        {
            file = JsonSerializer.Deserialize<ListFile>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{FileName} is empty.");
        }
        catch (Exception error) when (error is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{FileName} could not be read ({error.Message}); get it from a fresh copy of the kata.", error);
        }

        var rules = new List<Rule>();
        foreach (Group group in file.Groups ?? [])
        {
            if (string.IsNullOrWhiteSpace(group.Why))
            {
                throw new InvalidDataException($"{FileName}: every group needs a \"why\".");
            }

            foreach (string pattern in group.Allow ?? [])
            {
                rules.Add(Rule.Parse(pattern, allow: true, group.Why, group.Checkpoints));
            }

            foreach (string pattern in group.Refuse ?? [])
            {
                rules.Add(Rule.Parse(pattern, allow: false, group.Why, null));
            }
        }

        return new AllowedApi(file.Summary ?? "the .NET base library's basics", rules);
    }

    /// <summary>The checkpoint of a learner assembly ("Checkpoint12.FastMatMul" → 12), or null.</summary>
    public static int? CheckpointOf(string assemblyPath)
    {
        string name = Path.GetFileNameWithoutExtension(assemblyPath);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return name.StartsWith("Checkpoint", StringComparison.Ordinal)
            && int.TryParse(name["Checkpoint".Length..(dot < 0 ? name.Length : dot)], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            ? n
            : null;
    }

    /// <summary>
    /// One sentence for each learner method that uses something the kata refuses in the learner assembly at
    /// <paramref name="assemblyPath"/>, naming the method and the line of its first such use, everything it
    /// uses for one reason, and the reason (at most <see cref="MaxRefusalsPerAssembly"/> sentences, then
    /// how many more), in a stable order. With <paramref name="withTail"/>, each sentence ends with what
    /// learner code may use instead (<see cref="Tail"/>), as the grader writes it.
    /// </summary>
    public IReadOnlyList<string> Refusals(string assemblyPath, bool withTail = true)
    {
        int checkpoint = CheckpointOf(assemblyPath) ?? 0;
        var sentences = CodeUses.Read(assemblyPath)
            .Select(use => (Use: use, Why: Why(use, checkpoint)))
            .Where(r => r.Why is not null)
            .GroupBy(r => (r.Use.Site, r.Why!))
            .Select(g =>
            {
                string? location = g.Select(r => r.Use.Location).Where(l => l is not null).OrderBy(LineOf).FirstOrDefault();
                // A type named alone says nothing more when one of its members is named too.
                var members = g.Where(r => r.Use.Member is not null).Select(r => r.Use.Type).ToHashSet(StringComparer.Ordinal);
                string[] what =
                [
                    .. g.Where(r => r.Use.Structural is not null || r.Use.Member is not null || !members.Contains(r.Use.Type))
                        .Select(r => r.Use.Structural ?? r.Use.Display)
                        .Distinct(StringComparer.Ordinal),
                ];
                string uses = what.Length == 1 ? what[0] : string.Join(", ", what[..^1]) + " and " + what[^1];
                string where = location is null ? g.Key.Site : $"{g.Key.Site} ({location})";
                return $"{where} uses {uses}{g.Key.Item2}" + (withTail ? $"; {Tail}" : ".");
            })
            .Order(StringComparer.Ordinal)
            .ToList();
        return sentences.Count <= MaxRefusalsPerAssembly
            ? sentences
            : [.. sentences.Take(MaxRefusalsPerAssembly), $"… and {sentences.Count - MaxRefusalsPerAssembly} more uses of the same kind in {Path.GetFileNameWithoutExtension(assemblyPath)}."];
    }

    /// <summary>The end of a refusal: what learner code may use, and where the list is.</summary>
    public string Tail => $"learner code may use {Summary} ({FileName}).";

    /// <summary>Why the kata refuses <paramref name="use"/> in checkpoint <paramref name="checkpoint"/>'s code, as a sentence; null when it is allowed.</summary>
    public string? Refusal(CodeUse use, int checkpoint)
    {
        ArgumentNullException.ThrowIfNull(use);
        return Why(use, checkpoint) is { } why ? $"{use.Where} uses {use.Structural ?? use.Display}{why}; {Tail}" : null;
    }

    // The part of a refusal after what is used (", which …" or ": why"); null when the use is allowed.
    private string? Why(CodeUse use, int checkpoint)
    {
        if (use.Structural is not null)
        {
            return ", which is not part of the kata";
        }

        (Rule? best, int bestScore) = Best(use, r => r.Allow ? r.AppliesTo(checkpoint) : true);
        if (best is { Allow: true })
        {
            return null;
        }

        // Allowed in another checkpoint, and at least as specifically as anything refuses it?
        (Rule? elsewhere, int elsewhereScore) = Best(use, r => r.Allow && !r.AppliesTo(checkpoint));
        if (elsewhere is not null && elsewhereScore >= bestScore)
        {
            string where = elsewhere.Checkpoints is [int only] ? $"checkpoint {only}" : $"checkpoints {string.Join(" and ", elsewhere.Checkpoints!)}";
            return $", which the kata allows in {where} only: {elsewhere.Why} (this is checkpoint {checkpoint})";
        }

        return best is not null ? $": {best.Why}" : ", which is not on the kata's list of what learner code may use";
    }

    // "exercises/…/X.cs:line 12" → 12, for the first line of a method's uses.
    private static int LineOf(string? location) =>
        location is not null && location.LastIndexOf("line ", StringComparison.Ordinal) is int at and >= 0
        && int.TryParse(location[(at + 5)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int line)
            ? line
            : int.MaxValue;

    // The most specific rule matching the use among those selected; a refusal wins a tie.
    private (Rule? Rule, int Score) Best(CodeUse use, Func<Rule, bool> selected)
    {
        Rule? best = null;
        int bestScore = -1;
        foreach (Rule rule in _rules)
        {
            if (!selected(rule) || rule.Score(use) is not int score)
            {
                continue;
            }

            if (score > bestScore || (score == bestScore && best is { Allow: true } && !rule.Allow))
            {
                best = rule;
                bestScore = score;
            }
        }

        return (best, bestScore);
    }

    private sealed record ListFile(string? Summary, List<Group>? Groups);

    private sealed record Group(string Why, List<int>? Checkpoints, List<string>? Allow, List<string>? Refuse);

    // One pattern of the list: a type glob and, after "::", a member glob.
    private sealed class Rule(string type, string? member, bool allow, string why, IReadOnlyList<int>? checkpoints)
    {
        public bool Allow { get; } = allow;

        public string Why { get; } = why;

        public IReadOnlyList<int>? Checkpoints { get; } = checkpoints;

        public static Rule Parse(string pattern, bool allow, string why, IReadOnlyList<int>? checkpoints)
        {
            int separator = pattern.IndexOf("::", StringComparison.Ordinal);
            return separator < 0
                ? new Rule(pattern, null, allow, why, checkpoints)
                : new Rule(pattern[..separator], pattern[(separator + 2)..], allow, why, checkpoints);
        }

        public bool AppliesTo(int checkpoint) => Checkpoints is null || Checkpoints.Contains(checkpoint);

        // Null when the rule does not match. A rule naming a member outranks one naming only a type; then
        // the more literal characters, the more specific. A type alone (a signature, a base type) is allowed
        // by any allowed member of it, but a refused member does not refuse its type.
        public int? Score(CodeUse use)
        {
            if (!Glob(type, use.Type))
            {
                return null;
            }

            int literal = type.Count(c => c != '*');
            if (member is null)
            {
                return literal;
            }

            if (use.Member is null)
            {
                return Allow ? 1000 + literal : null;
            }

            return Glob(member, use.Member) ? 1000 + literal + member.Count(c => c != '*') : null;
        }

        // '*' matches any run of characters, nothing else is special.
        private static bool Glob(string pattern, string text)
        {
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (p < pattern.Length && pattern[p] == text[t])
                {
                    p++;
                    t++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }
    }
}
