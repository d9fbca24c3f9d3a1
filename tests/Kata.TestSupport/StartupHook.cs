using System.Diagnostics.CodeAnalysis;
using Kata.TestSupport;

/// <summary>
/// The test host's first code in a grade (the grader sets <c>DOTNET_STARTUP_HOOKS</c> to this assembly), before
/// NUnit loads a single test and long before any learner code can run. It takes the grade's secrets out of
/// the environment (the hold-out seed and the witness key, see <see cref="GradeSecrets"/>) and, in the
/// sandbox, makes the process non-dumpable: the kernel then gives /proc/self/mem, /proc/self/environ and
/// the like to root, so the learner's code cannot read or write the test host's memory through files, even
/// in the checkpoints that may read files. (The sandbox runs the host under a user that is not root.)
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a type named StartupHook outside any namespace.")]
internal static class StartupHook
{
    /// <summary>Called by the runtime before the test host's Main.</summary>
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(KataEnvironment.GradeModeVariable) is not "1")
        {
            return;
        }

        GradeSecrets.TakeFromEnvironment();
        if (Environment.GetEnvironmentVariable(GradeSecrets.SealVariable) is "1" && !NativeMethods.MakeNotDumpable())
        {
            Environment.FailFast("kata: the sandboxed test host could not make itself non-dumpable (prctl); no learner code was run.");
        }
    }
}
