using System.Globalization;
using Kata.Core;

namespace Kata.TestLogger;

/// <summary>
/// The failures as a learner reads them after <c>dotnet test</c>. In the short form (the default) a
/// fresh start does not bury the one thing to do under fifty "Not implemented yet." entries: every
/// failure that is not a stub is shown (the first few in full, the rest in one line each), then the
/// stub to write first in full, then one line per method still to write. The full form shows every
/// failure in full: <c>dotnet test --logger "kata;failures=all"</c>.
/// </summary>
public static class FailureReport
{
    /// <summary>How many failures that are not stubs are shown in full before the rest get one line each.</summary>
    public const int FullFailures = 3;

    /// <summary>The logger parameter and value that show every failure in full.</summary>
    public const string AllSwitch = "failures=all";

    private const string AssertionPrefix = "Shouldly.ShouldAssertException : ";

    /// <summary>One failure in full: its name, its message and where it happened.</summary>
    public static IEnumerable<string> InFull(TestRecord failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        yield return $"  ✗ {failure.Name}";
        foreach (string line in Message(failure).Split('\n'))
        {
            yield return "      " + line.TrimEnd('\r');
        }

        if (failure.Site is { } site)
        {
            yield return "      " + site;
        }
    }

    /// <summary>
    /// The short form of <paramref name="failures"/> (in the order they ran). <paramref name="sourcesOf"/>
    /// gives the learner's files of a checkpoint, to find the stub to write first.
    /// </summary>
    public static List<string> ShortForm(IReadOnlyList<TestRecord> failures, Func<int, IReadOnlyList<string>> sourcesOf)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(sourcesOf);
        var lines = new List<string>();

        // Never hidden: a failure that is not a stub is the learner's own code going wrong. Tests not run
        // for one and the same reason (code the kata refuses, a loop found earlier) are said once.
        var real = new List<TestRecord>();
        var notRun = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (TestRecord failure in failures.Where(f => !StubOrder.IsStub(f)))
        {
            if (failure.Message is { } message && message.StartsWith("Not run:", StringComparison.Ordinal) && real.Any(r => r.Message == message))
            {
                notRun[message] = notRun.GetValueOrDefault(message) + 1;
            }
            else
            {
                real.Add(failure);
            }
        }

        foreach (TestRecord failure in real.Take(FullFailures))
        {
            lines.AddRange(InFull(failure));
        }

        foreach (TestRecord failure in real.Skip(FullFailures))
        {
            lines.Add($"  ✗ {failure.Name} — {FirstWords(failure)}");
        }

        foreach ((string message, int count) in notRun)
        {
            string test = real.First(r => r.Message == message).Name;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  … and {count} more test{(count == 1 ? string.Empty : "s")} not run for the same reason as {test}."));
        }

        // Stubs: the lowest checkpoint first, and in it the method that comes first in the files.
        TestRecord[] stubs =
        [
            .. failures.Where(StubOrder.IsStub).GroupBy(f => f.Checkpoint ?? int.MaxValue).OrderBy(g => g.Key)
                .SelectMany(g => StubOrder.Ordered(g, g.Key == int.MaxValue ? [] : sourcesOf(g.Key))),
        ];
        if (stubs.Length == 0)
        {
            return lines;
        }

        lines.AddRange(InFull(stubs[0]));
        if (stubs.Length > 1)
        {
            var methods = stubs.GroupBy(f => StubOrder.MethodOf(f) ?? f.Name).ToList();
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"  Still to write, in this order ({stubs.Length} tests wait for {(methods.Count == 1 ? "this method" : $"these {methods.Count} methods")}):"));
            foreach (IGrouping<string, TestRecord> method in methods)
            {
                int count = method.Count();
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"    · {method.Key} ({count} test{(count == 1 ? string.Empty : "s")})"));
            }
        }

        if (real.Count > FullFailures || stubs.Length > 1)
        {
            lines.Add($"  Every failure in full: dotnet test --logger \"kata;{AllSwitch}\"");
        }

        return lines;
    }

    /// <summary>
    /// "Ran 65 tests: 55 of checkpoint 1 and the kata's 10 rules (all pass)." — the same total as
    /// dotnet's own last line, so the numbers a learner sees add up. Null when nothing ran.
    /// </summary>
    public static string? Tally(IReadOnlyList<TestRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        TestRecord[] ran = [.. records.Where(r => r.Outcome is "Passed" or "Failed")];
        if (ran.Length == 0)
        {
            return null;
        }

        // Hold-outs apart, like the checkpoint summaries above, which count only the visible tests.
        var parts = ran.Where(r => !r.IsRule && !r.IsHoldOut).GroupBy(r => r.Checkpoint).OrderBy(g => g.Key ?? int.MaxValue)
            .Select(g => g.Key is int n ? $"{g.Count()} of checkpoint {n}" : $"{g.Count()} other")
            .ToList();
        int holdOuts = ran.Count(r => r.IsHoldOut);
        if (holdOuts > 0)
        {
            parts.Add($"{holdOuts} hold-out{(holdOuts == 1 ? string.Empty : "s")}");
        }

        TestRecord[] rules = [.. ran.Where(r => r.IsRule)];
        if (rules.Length > 0)
        {
            int passed = rules.Count(r => r.Passed);
            string outcome = passed == rules.Length ? "all pass" : $"{rules.Length - passed} fail, see above";
            parts.Add($"the kata's {rules.Length} rule{(rules.Length == 1 ? string.Empty : "s")} ({outcome})");
        }

        string tests = string.Create(CultureInfo.InvariantCulture, $"Ran {ran.Length} test{(ran.Length == 1 ? string.Empty : "s")}");
        if (ran.All(r => r.Checkpoint is null && !r.IsRule))
        {
            return tests + ".";
        }

        string list = parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
        return $"{tests}: {list}.";
    }

    // The message in one line. An assertion says "expression / should be / expected / but was / actual",
    // one part per line, and then perhaps "Additional Info:" with the test's own sentence, the best
    // one-line summary when there is one — followed by the two values when they are short, so that the line
    // says what came back; otherwise the parts up to what came back, joined.
    private static string FirstWords(TestRecord failure)
    {
        const int MaxLength = 200;
        string[] lines = [.. Message(failure).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        int info = Array.IndexOf(lines, "Additional Info:");
        if (info >= 0 && info + 1 < lines.Length)
        {
            string values = Values(lines[..info]) is { } both ? $" ({both})" : string.Empty;
            return Cut(lines[info + 1], MaxLength - values.Length) + values;
        }

        // Without it, the assertion itself, up to what came back ("… should be within 1E-12d of -21d but
        // was 0d": seven parts), or the first parts of any other message.
        int was = Array.IndexOf(lines, "but was");
        return Cut(string.Join(' ', lines.Take(was >= 0 && was + 1 < lines.Length ? was + 2 : 5)), MaxLength);
    }

    // "should be within 1E-12d of 0.5d, was 1d" from an assertion's parts, when both values are short.
    private static string? Values(string[] parts)
    {
        const int MaxValue = 60;
        int should = Array.FindIndex(parts, p => p.StartsWith("should ", StringComparison.Ordinal));
        int was = Array.IndexOf(parts, "but was");
        if (should < 0 || was < should + 2 || was + 1 >= parts.Length)
        {
            return null;
        }

        string expected = string.Join(' ', parts[(should + 1)..was]), actual = parts[was + 1];
        return expected.Length <= MaxValue && actual.Length <= MaxValue ? $"{parts[should]} {expected}, was {actual}" : null;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Message(TestRecord failure)
    {
        string message = (failure.Message ?? "(no message)").TrimEnd();
        return message.StartsWith(AssertionPrefix, StringComparison.Ordinal) ? message[AssertionPrefix.Length..] : message;
    }
}
