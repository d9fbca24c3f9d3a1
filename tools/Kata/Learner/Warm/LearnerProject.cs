using Microsoft.CodeAnalysis.CSharp;

namespace Kata.Cli.Learner.Warm;

/// <summary>
/// One learner project as its last build left it: its folder, the compiler's arguments of that build
/// (obj/…/kata.csc.rsp, written by Directory.Build.targets) and the reference assembly the build made of it.
/// </summary>
internal sealed record LearnerProject(string Name, string Folder, string ResponseFile)
{
    /// <summary>The file Directory.Build.targets keeps the compiler's arguments in, under obj/.</summary>
    public const string ResponseFileName = "kata.csc.rsp";

    /// <summary>The C# files of the folder now, as the SDK's default globbing takes them (not bin/ or obj/).</summary>
    public IReadOnlyList<string> Sources() =>
        [.. Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories).Where(IsOwn).Order(StringComparer.Ordinal)];

    /// <summary>The learner's files the last build compiled (the generated ones under obj/ left out).</summary>
    public IEnumerable<string> BuiltSources() =>
        CSharpCommandLineParser.Default.Parse(["@" + ResponseFile], Folder, sdkDirectory: null).SourceFiles.Select(f => f.Path).Where(IsOwn);

    /// <summary>True for a file of the learner's in this project: in its folder, not in bin/ or obj/.</summary>
    public bool IsOwn(string path)
    {
        string relative = Path.GetRelativePath(Folder, Path.GetFullPath(path)).Replace('\\', '/');
        return !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative)
            && !relative.Split('/').Any(part => part is "bin" or "obj");
    }

    /// <summary>The learner projects of the exercises track at <paramref name="root"/>, with or without a build.</summary>
    public static IReadOnlyList<(string Name, string Folder, string? ResponseFile)> All(string root) =>
    [
        .. Directory.EnumerateDirectories(Path.Combine(root, "exercises"))
            .Where(folder => File.Exists(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Order(StringComparer.Ordinal)
            .Select(folder => (Path.GetFileName(folder), folder, ResponseFileIn(folder))),
    ];

    // obj/Debug/<target framework>/kata.csc.rsp: kata watch builds Debug, never KataOptimize.
    private static string? ResponseFileIn(string folder)
    {
        string debug = Path.Combine(folder, "obj", "Debug");
        return Directory.Exists(debug)
            ? Directory.EnumerateDirectories(debug).Select(d => Path.Combine(d, ResponseFileName)).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }
}
