using Kata.Core;

namespace Kata.TestSupport;

/// <summary>
/// The allowlist in the learner's own runs: before any learner code loads, the compiled learner assemblies
/// are checked against <see cref="AllowedApi"/> (what the grader checks before it runs anything), and if
/// something is refused, every test fails with the same few lines instead of running. A learner meets the
/// rule at once, in whichever checkpoint they run (<c>kata watch</c> and <c>--filter Checkpoint=N</c> do not
/// run the kata's rules tests). Grade mode skips it: the grader has decided before the tests ran.
/// </summary>
internal static class AllowedCodeCheck
{
    private static volatile string? _blocked;

    /// <summary>Why no test runs, or null.</summary>
    public static string? Blocked => _blocked;

    /// <summary>Checks the learner assemblies; called once, before the first test and before any learner code runs.</summary>
    public static void Run()
    {
        if (KataEnvironment.IsGradeMode)
        {
            return;
        }

        AllowedApi allowed;
        try
        {
            allowed = AllowedApi.Load(KataEnvironment.Root);
        }
        catch (InvalidDataException)
        {
            return; // the rules test says what is wrong with the list
        }

        string[] refused =
        [
            .. LearnerMethods.LearnerAssemblies()
                .Select(a => a.Location)
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .SelectMany(path => allowed.Refusals(path, withTail: false)),
        ];
        if (refused.Length > 0)
        {
            _blocked =
                "Not run: your code uses what the kata does not allow, and grading would refuse all of it before running a single test:\n"
                + string.Concat(refused.Select(r => "  " + r + "\n"))
                + $"Change what these lines name; {allowed.Tail}";
        }
    }
}
