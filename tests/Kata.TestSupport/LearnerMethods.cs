using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using NUnit.Framework.Interfaces;

namespace Kata.TestSupport;

/// <summary>
/// The learner methods a test grades (its <see cref="GradesAttribute"/> and its fixture's), found in the
/// learner's assemblies and named the way a learner reads them: "LinearAlgebra.Dot (exercises/….cs:line 12)".
/// </summary>
internal static class LearnerMethods
{
    /// <summary>The learner's assemblies are the checkpoint projects.</summary>
    public const string AssemblyPrefix = "Checkpoint";

    /// <summary>The methods <paramref name="test"/> grades: its own Grades values and its ancestors'.</summary>
    public static IReadOnlyList<string> GradesOf(ITest test)
    {
        var grades = new List<string>();
        for (ITest? node = test; node is not null; node = node.Parent)
        {
            foreach (object? value in node.Properties[GradesAttribute.PropertyName])
            {
                if (value is string method && !grades.Contains(method, StringComparer.Ordinal))
                {
                    grades.Add(method);
                }
            }
        }

        return grades;
    }

    /// <summary>"LinearAlgebra.Dot (exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 12)", several joined with "or".</summary>
    public static string Describe(IReadOnlyList<string> grades) =>
        grades.Count == 0 ? "Your code" : string.Join(" or ", grades.Select(g => Location(g) is { } where ? $"{g} ({where})" : g));

    /// <summary>The learner type of "Type.Method" (e.g. NeuralNet.LinearAlgebra), or null.</summary>
    public static Type? TypeOf(string grade)
    {
        int dot = grade.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        string typeName = "NeuralNet." + grade[..dot];
        return LearnerAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null);
    }

    /// <summary>The learner assemblies referenced by the test assembly, loaded (no code of theirs runs).</summary>
    public static IReadOnlyList<Assembly> LearnerAssemblies() => Lazy.Value;

    private static readonly Lazy<IReadOnlyList<Assembly>> Lazy = new(() =>
    [
        .. (Assembly.GetEntryAssembly() is { } entry ? [entry] : Array.Empty<Assembly>())
            .Concat(AppDomain.CurrentDomain.GetAssemblies())
            .SelectMany(a => a.GetReferencedAssemblies())
            .Where(n => n.Name?.StartsWith(AssemblyPrefix, StringComparison.Ordinal) == true)
            .Select(n => n.Name!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(TryLoad)
            .OfType<Assembly>(),
    ]);

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception error) when (error is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    // The file and first line of the method's body, from the learner assembly's portable PDB.
    private static string? Location(string grade)
    {
        if (TypeOf(grade) is not { } type)
        {
            return null;
        }

        MethodInfo? method = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => m.Name == grade[(grade.LastIndexOf('.') + 1)..]);
        string pdb = Path.ChangeExtension(type.Assembly.Location, ".pdb");
        if (method is null || !File.Exists(pdb))
        {
            return null;
        }

        try
        {
            using var provider = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdb));
            MetadataReader reader = provider.GetMetadataReader();
            var handle = (MethodDefinitionHandle)MetadataTokens.Handle(method.MetadataToken);
            foreach (SequencePoint point in reader.GetMethodDebugInformation(handle).GetSequencePoints())
            {
                if (!point.IsHidden)
                {
                    string file = reader.GetString(reader.GetDocument(point.Document).Name).Replace('\\', '/');
                    foreach (string track in (string[])["/exercises/", "/solutions/"])
                    {
                        int at = file.LastIndexOf(track, StringComparison.Ordinal);
                        if (at >= 0)
                        {
                            file = file[(at + 1)..];
                            break;
                        }
                    }

                    return $"{file}:line {point.StartLine}";
                }
            }
        }
        catch (Exception error) when (error is IOException or BadImageFormatException or InvalidOperationException)
        {
            // No usable PDB: the method's name alone will do.
        }

        return null;
    }
}
