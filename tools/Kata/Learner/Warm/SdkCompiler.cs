using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace Kata.Cli.Learner.Warm;

/// <summary>
/// The C# compiler of the SDK that built the learner's projects (sdk/&lt;version&gt;/Roslyn/bincore), for the
/// warm worker: the kata tool carries no compiler of its own (Kata.csproj references Roslyn for compiling
/// only), so that the in-process compile writes the same bytes as the build's, down to the reference
/// assembly it is compared with. The SDK is the one the build's own arguments name.
/// </summary>
internal static partial class SdkCompiler
{
    private static string? _folder;

    /// <summary>The compiler folder in use, once <see cref="Use"/> found one.</summary>
    public static string? Folder => _folder;

    /// <summary>
    /// Loads the compiler from the SDK named in <paramref name="responseFile"/> (a build's arguments) when the
    /// compiler is first needed; true when that SDK's compiler is there. Must be called before any code that
    /// uses the compiler is compiled by the JIT.
    /// </summary>
    public static bool Use(string responseFile)
    {
        string? folder = FolderOf(responseFile);
        if (folder is null || !File.Exists(Path.Combine(folder, "Microsoft.CodeAnalysis.CSharp.dll")))
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _folder, folder, null) is null)
        {
            AssemblyLoadContext.Default.Resolving += (context, name) =>
                name.Name is { } assembly && assembly.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                && File.Exists(Path.Combine(_folder, assembly + ".dll"))
                    ? context.LoadFromAssemblyPath(Path.Combine(_folder, assembly + ".dll"))
                    : null;
        }

        return true;
    }

    /// <summary>True when <paramref name="responseFile"/> was written by the SDK whose compiler is in use.</summary>
    public static bool Serves(string responseFile) => _folder is not null && FolderOf(responseFile) == _folder;

    // ".../sdk/10.0.401/Sdks/..." in an /analyzer: or /analyzerconfig: argument → ".../sdk/10.0.401/Roslyn/bincore".
    private static string? FolderOf(string responseFile) =>
        File.ReadLines(responseFile).Select(line => SdkPath().Match(line)).FirstOrDefault(m => m.Success) is { } match
            ? Path.Combine(match.Groups["sdk"].Value, "Roslyn", "bincore")
            : null;

    [GeneratedRegex(@"^/analyzer(config)?:""?(?<sdk>.+[/\\]sdk[/\\][^/\\]+)[/\\]Sdks[/\\]")]
    private static partial Regex SdkPath();

    /// <summary>The compiler's version, for the worker's log.</summary>
    public static string Version() => typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
}
