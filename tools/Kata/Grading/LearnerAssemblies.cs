using System.Reflection;
using System.Runtime.InteropServices;

namespace Kata.Cli.Grading;

/// <summary>
/// What the grader checks in the learner's compiled code before any of it runs, by reading metadata only
/// (MetadataLoadContext loads no code): its public API must be exactly the kata's (so nothing the learner
/// declares can take the place of what the tests call, such as an instance method named ShouldBe on a
/// type a learner method returns), it must not open its internals to other assemblies, and it may use only
/// the .NET base library and the learner's other checkpoints.
/// </summary>
public static class LearnerAssemblies
{
    /// <summary>The learner's assemblies (one per checkpoint project) in a built kata.</summary>
    public static IReadOnlyList<string> Find(string root, string track = "exercises") =>
    [
        .. Directory.EnumerateDirectories(Path.Combine(root, track))
            .Select(dir => Path.Combine(dir, "bin", "Debug", "net10.0", Path.GetFileName(dir) + ".dll"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>
    /// Every public type and member of <paramref name="assemblies"/>, one line each, sorted
    /// (<see cref="Kata.Core.PublicApi"/>), read from metadata: the API a test can reach.
    /// </summary>
    public static IReadOnlyList<string> PublicApi(IReadOnlyList<string> assemblies)
    {
        using MetadataLoadContext context = Context(assemblies);
        return Kata.Core.PublicApi.Describe(assemblies.SelectMany(path => context.LoadFromAssemblyPath(path).GetExportedTypes()));
    }

    /// <summary>
    /// What breaks the rules in <paramref name="assemblies"/>, one sentence each: internals opened to other
    /// assemblies, and references outside the .NET base library and the learner's checkpoints.
    /// </summary>
    public static IReadOnlyList<string> RuleViolations(IReadOnlyList<string> assemblies)
    {
        using MetadataLoadContext context = Context(assemblies);
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var problems = new List<string>();
        foreach (string path in assemblies)
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            string name = assembly.GetName().Name!;
            foreach (CustomAttributeData attribute in assembly.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.InternalsVisibleToAttribute"))
            {
                problems.Add($"{name} opens its internals to {attribute.ConstructorArguments.FirstOrDefault().Value} (InternalsVisibleTo): remove that attribute.");
            }

            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (!reference.Name!.StartsWith("Checkpoint", StringComparison.Ordinal) && !File.Exists(Path.Combine(runtime, reference.Name + ".dll")))
                {
                    problems.Add($"{name} uses {reference.Name}, which is not part of the .NET base library: learner code is BCL-only.");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// True when <paramref name="assemblies"/> are, one for one, the assemblies of <paramref name="stubs"/>
    /// (a folder) by name and version, and their public API is <paramref name="api"/>: code compiled against
    /// the stubs then binds to them exactly as it would to the learner's own.
    /// </summary>
    public static bool SameAs(IReadOnlyList<string> assemblies, string stubs, IReadOnlyList<string> api)
    {
        string[] expected = [.. Directory.GetFiles(stubs, "*.dll").OrderBy(Path.GetFileName, StringComparer.Ordinal)];
        return expected.Length == assemblies.Count
            && expected.Zip(assemblies.OrderBy(Path.GetFileName, StringComparer.Ordinal)).All(pair => Path.GetFileName(pair.First) == Path.GetFileName(pair.Second)
                && AssemblyName.GetAssemblyName(pair.First).FullName == AssemblyName.GetAssemblyName(pair.Second).FullName)
            && PublicApi(assemblies).SequenceEqual(api, StringComparer.Ordinal);
    }

    /// <summary>Sentences naming what <paramref name="actual"/> adds to or removes from <paramref name="expected"/>.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        Kata.Core.PublicApi.Differences(expected, actual);

    private static MetadataLoadContext Context(IReadOnlyList<string> assemblies)
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var paths = Directory.GetFiles(runtime, "*.dll")
            .Concat(assemblies.SelectMany(a => Directory.GetFiles(Path.GetDirectoryName(a)!, "*.dll")))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .Select(g => g.First());
        return new MetadataLoadContext(new PathAssemblyResolver(paths), coreAssemblyName: "System.Private.CoreLib");
    }
}
