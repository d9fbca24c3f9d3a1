namespace Kata.Cli.Learner.Warm;

/// <summary>What compiling one learner project in process came to.</summary>
/// <param name="Assembly">The compiled assembly (its PDB beside it), when it compiled and its API is the build's.</param>
/// <param name="ErrorLines">The compiler's errors, as a build prints them (file(line,col): error CSxxxx: message).</param>
/// <param name="LongWay">Why the tests must be built the long way (dotnet test) instead, or null.</param>
internal sealed record CompileResult(string? Assembly, IReadOnlyList<string> ErrorLines, string? LongWay)
{
    public static CompileResult Compiled(string assembly) => new(assembly, [], null);

    public static CompileResult Errors(IReadOnlyList<string> lines) => new(null, lines, null);

    public static CompileResult SurfaceChanged(string project) =>
        new(null, [], $"the public API of {project} changed, so the tests are compiled again");

    public static CompileResult NotSure(string why) => new(null, [], why);
}
