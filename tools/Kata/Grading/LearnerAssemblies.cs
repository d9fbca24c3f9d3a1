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
    /// Every public type and member of <paramref name="assemblies"/>, one line each, sorted: the API a test
    /// can reach. Two builds with the same lines expose the same API.
    /// </summary>
    public static IReadOnlyList<string> PublicApi(IReadOnlyList<string> assemblies)
    {
        using MetadataLoadContext context = Context(assemblies);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in assemblies)
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            foreach (Type type in assembly.GetExportedTypes())
            {
                lines.Add($"{Kind(type)} {type.FullName}{Base(type)}");
                const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
                foreach (MemberInfo member in type.GetMembers(Members).Where(IsVisible))
                {
                    lines.Add($"{type.FullName}: {Describe(member)}");
                }
            }
        }

        return [.. lines];
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

    /// <summary>Sentences naming what <paramref name="actual"/> adds to or removes from <paramref name="expected"/>.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var added = actual.Except(expected, StringComparer.Ordinal).ToList();
        var removed = expected.Except(actual, StringComparer.Ordinal).ToList();
        return
        [
            .. added.Select(line => $"your code adds public {line} — make helpers private or internal; the kata's public API must stay as it is."),
            .. removed.Select(line => $"your code removes or changes public {line} — keep the kata's signatures exactly as in the stubs."),
        ];
    }

    private static MetadataLoadContext Context(IReadOnlyList<string> assemblies)
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var paths = Directory.GetFiles(runtime, "*.dll")
            .Concat(assemblies.SelectMany(a => Directory.GetFiles(Path.GetDirectoryName(a)!, "*.dll")))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .Select(g => g.First());
        return new MetadataLoadContext(new PathAssemblyResolver(paths), coreAssemblyName: "System.Private.CoreLib");
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: false).Length > 0,
        EventInfo e => e.AddMethod?.IsPublic == true,
        Type t => t.IsNestedPublic || t.IsNestedFamily,
        _ => false,
    };

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string Base(Type type) =>
        type.BaseType is { } b && b.FullName is not ("System.Object" or "System.ValueType" or "System.Enum") ? " : " + b.FullName : string.Empty;

    private static string Describe(MemberInfo member) => member switch
    {
        MethodBase m => $"{(m.IsStatic ? "static " : string.Empty)}{(m.IsVirtual && !m.IsFinal ? "virtual " : string.Empty)}{member}",
        FieldInfo f => $"{(f.IsStatic ? "static " : string.Empty)}{(f.IsLiteral ? "const " : f.IsInitOnly ? "readonly " : string.Empty)}field {member}",
        PropertyInfo p => $"property {member} {{{(p.GetMethod?.IsPublic == true ? " get;" : string.Empty)}{(p.SetMethod?.IsPublic == true ? " set;" : string.Empty)} }}",
        _ => $"{member.MemberType.ToString().ToLowerInvariant()} {member}",
    };
}
