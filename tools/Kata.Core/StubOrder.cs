using System.Text.RegularExpressions;

namespace Kata.Core;

/// <summary>
/// Which unwritten method a learner should write first: the one that comes first in their files, which
/// is the order the checkpoint (and its first hint) walks through them. <c>kata watch</c> shows that
/// stub's failure, and the kata logger shows it in full while it lists the other stubs in one line each.
/// </summary>
public static partial class StubOrder
{
    /// <summary>The prefix the test guard gives a stub's failure.</summary>
    public const string StubPrefix = "Not implemented yet.";

    /// <summary>True when the test failed because it met a stub.</summary>
    public static bool IsStub(TestRecord test) =>
        test?.Message?.StartsWith(StubPrefix, StringComparison.Ordinal) == true;

    /// <summary>The stub a failure met, as "Type.Method", from its message ("… implement LinearAlgebra.Dot — …").</summary>
    public static string? MethodOf(TestRecord test) =>
        StubMethod().Match(test?.Message ?? string.Empty) is { Success: true } match
            ? $"{match.Groups["type"].Value}.{match.Groups["method"].Value}"
            : null;

    /// <summary>The learner's C# files of one checkpoint project, in the order they are read: by name.</summary>
    public static IReadOnlyList<string> Sources(string projectFolder) =>
        Directory.Exists(projectFolder)
            ? [.. Directory.EnumerateFiles(projectFolder, "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText)]
            : [];

    /// <summary>
    /// Stub failures in the order to write their methods: by where the method is declared in
    /// <paramref name="sources"/>, and among the tests of one method a test named after it first
    /// (Dot_of_… explains Dot best). Failures whose method is not found keep their order at the end.
    /// </summary>
    public static IEnumerable<TestRecord> Ordered(IEnumerable<TestRecord> stubFailures, IReadOnlyList<string> sources) =>
        stubFailures.OrderBy(failure => Rank(failure, sources));

    private static (int Offset, int Named) Rank(TestRecord failure, IReadOnlyList<string> sources)
    {
        if (MethodOf(failure) is not { } qualified)
        {
            return (int.MaxValue, 1);
        }

        int dot = qualified.IndexOf('.', StringComparison.Ordinal);
        string type = qualified[..dot], method = qualified[(dot + 1)..];
        int named = failure.Name.StartsWith(method + "_", StringComparison.Ordinal) ? 0 : 1;

        // The method inside its own type's declaration first: two types of one checkpoint may both have a
        // Forward or a Backward (checkpoint 11's Attention and SelfAttention); then anywhere.
        foreach (bool withinType in new[] { true, false })
        {
            for (int file = 0, offset = 0; file < sources.Count; offset += sources[file].Length, file++)
            {
                int from = withinType ? TypeDeclaration(sources[file], type) : 0;
                int at = from < 0 ? -1 : sources[file].IndexOf($" {method}(", from, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return (offset + at, named);
                }
            }
        }

        return (int.MaxValue, named);
    }

    // Where "class Type" is declared in a file's text (not "class TypeLayer"), or −1.
    private static int TypeDeclaration(string source, string type) =>
        Regex.Match(source, $@"\bclass {Regex.Escape(type)}\b") is { Success: true } match ? match.Index : -1;

    // The stubs' own messages: "Checkpoint 1: implement LinearAlgebra.Dot — …".
    [GeneratedRegex(@"implement (?<type>\w+)\.(?<method>\w+)")]
    private static partial Regex StubMethod();
}
