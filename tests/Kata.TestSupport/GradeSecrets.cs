namespace Kata.TestSupport;

/// <summary>
/// What the grader gives a test host and no learner code may see: the seed of the hold-outs' inputs and the
/// key the guard signs its witness lines with. They arrive as environment variables; the startup hook moves
/// them into the runtime's own data before any learner code runs and clears the variables. (Learner code
/// may not read the environment or the runtime's data: the allowlist refuses both.)
/// </summary>
internal static class GradeSecrets
{
    /// <summary>The hold-outs' seed (see <see cref="GradeTime"/>).</summary>
    public const string SeedVariable = GradeTime.SeedVariable;

    /// <summary>The witness key: hexadecimal, fresh for every test host the grader starts.</summary>
    public const string WitnessKeyVariable = "KATA_WITNESS_KEY";

    /// <summary>Set to 1 by the sandbox: the host makes itself non-dumpable at start.</summary>
    public const string SealVariable = "KATA_SEAL";

    private const string DataPrefix = "Kata.Secret.";

    /// <summary>The hold-outs' seed, or null outside a grade.</summary>
    public static string? Seed => Get(SeedVariable);

    /// <summary>The witness key, or null when the grader asked for no witness.</summary>
    public static byte[]? WitnessKey => Get(WitnessKeyVariable) is { Length: > 0 } hex ? Convert.FromHexString(hex) : null;

    /// <summary>Moves the secrets out of the environment (the startup hook).</summary>
    public static void TakeFromEnvironment()
    {
        foreach (string name in (string[])[SeedVariable, WitnessKeyVariable])
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                AppContext.SetData(DataPrefix + name, value);
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    private static string? Get(string name) =>
        AppContext.GetData(DataPrefix + name) as string ?? Environment.GetEnvironmentVariable(name);
}
