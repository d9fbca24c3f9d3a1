using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Runtime.CompilerServices;
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

    /// <summary>"LinearAlgebra.Dot (exercises/Checkpoint1.LinearAlgebra/LinearAlgebra.cs:line 12)", several joined with "or".</summary>
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

/// <summary>
/// Runs the learner's module initializers and static constructors once, before the first test, within one
/// time budget. Code that never finishes loading (an endless loop in a static constructor, say) then costs
/// that one budget: every test fails at once with one sentence, instead of each test waiting out its own
/// limit on a type that can never be used. (Every test, not only those of the stuck assembly: the tests'
/// own helpers use the Matrix type, so any of them may wait for it.)
/// </summary>
internal static class LearnerLoading
{
    /// <summary>CPU seconds the learner's code may take to load.</summary>
    public const double BudgetSeconds = 10;

    private static volatile string? _blocked;

    /// <summary>Why no test can run because the learner's code never finished loading, or null.</summary>
    public static string? Blocked => _blocked;

    /// <summary>Initialises every learner assembly; called once before the first test.</summary>
    public static void Run()
    {
        IReadOnlyList<Assembly> assemblies = LearnerMethods.LearnerAssemblies();
        string current = string.Empty;
        var clock = new ThreadClock();
        Task work = Task.Factory.StartNew(
            () =>
            {
                clock.AttachToCurrentThread();
                foreach (Assembly assembly in assemblies)
                {
                    Volatile.Write(ref current, $"{assembly.GetName().Name}'s module initializer");
                    Try(() => RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle));
                    foreach (Type type in Types(assembly))
                    {
                        Volatile.Write(ref current, $"the static constructor of {type.Name} (in {assembly.GetName().Name})");
                        Try(() => RuntimeHelpers.RunClassConstructor(type.TypeHandle));
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        bool finished;
        try
        {
            finished = clock.Wait(work, BudgetSeconds, LearnerCodeCommand.WallClockFactor) == ThreadClock.Outcome.Finished;
        }
        catch (AggregateException)
        {
            finished = true; // Errors while loading reach the tests that use the code, as usual.
        }

        if (!finished)
        {
            clock.ParkAttachedThread();
            _blocked =
                $"Not run: your code never finished loading — {Volatile.Read(ref current)} did not return within {BudgetSeconds:0} s. "
                + "Code that runs when a class is first used (static fields, static constructors, module initializers) must finish quickly.";
        }
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes().Where(t => !t.ContainsGenericParameters);
        }
        catch (ReflectionTypeLoadException error)
        {
            return error.Types.OfType<Type>().Where(t => !t.ContainsGenericParameters);
        }
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // Whatever learner code throws while loading, the tests that use it report it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
