using System.Text.RegularExpressions;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>The stubs a learner opens first are clean: a method body is the one throw and nothing else.</summary>
public sealed partial class StubShapeTests
{
    [Test]
    public void Every_stub_body_is_exactly_its_throw_statement()
    {
        string exercises = Path.Combine(KataPaths.Root, "exercises");
        string[] offenders =
        [
            .. from file in Directory.EnumerateFiles(exercises, "*.cs", SearchOption.AllDirectories)
               where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
               let text = File.ReadAllText(file)
               let stubs = Regex.Count(text, @"NotImplementedException\(")
               let clean = CleanStub().Count(text)
               where clean != stubs
               select $"{Path.GetRelativePath(KataPaths.Root, file)}: {stubs - clean} of {stubs} stubs have something besides the throw in their body",
        ];

        offenders.ShouldBeEmpty("a stub's body is `{ throw new NotImplementedException(\"…\"); }` and nothing else (no leftover comments or code)");
    }

    // "{", then only white space, then the throw and its message, then ");" and the closing "}".
    [GeneratedRegex(@"\{\s*throw new NotImplementedException\(\s*""[^""]*""\);\s*\}")]
    private static partial Regex CleanStub();
}
