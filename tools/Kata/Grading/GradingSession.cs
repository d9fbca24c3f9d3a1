using Kata.Cli.Infrastructure;

namespace Kata.Cli.Grading;

/// <summary>What every grade of one grading command shares: the pristine kata, its plan, MNIST, the sandbox.</summary>
/// <param name="Pristine">The folder of the original kata: tests, hold-outs, test support, configuration.</param>
/// <param name="Curriculum">Its curriculum.json.</param>
/// <param name="Plan">Its tests and API, from its own build of the stubs.</param>
/// <param name="Mnist">The real MNIST files and labels; the sandbox gets a sealed view.</param>
/// <param name="Sandbox">Where learner code runs, or null to run it directly (a learner's own copy, or --no-sandbox).</param>
/// <param name="Key">The instructor's secret for the control runs' relabelling (may be empty).</param>
/// <param name="AllowedApi">What learner code may use (the pristine kata's allowlist).</param>
public sealed record GradingSession(string Pristine, Curriculum Curriculum, Plan Plan, SealedMnist Mnist, Sandbox? Sandbox, string Key, AllowedApi AllowedApi)
{
    /// <summary>
    /// False only in <c>./kata verify</c>'s replays of the forging attacks, which test the second line of
    /// defence (the guard's witness) as if the allowlist had a gap. Never false for a real grade.
    /// </summary>
    public bool CheckAllowedApi { get; init; } = true;

    /// <summary>
    /// The wall time all of one submission's test hosts may take together. The reference solutions take
    /// about 20 s, a plain learner about 25 s; a submission that sleeps is stopped test by test (a call
    /// that sleeps is a runaway), and whatever is left when the budget is spent fails without a new host.
    /// </summary>
    public TimeSpan WallBudget { get; init; } = DefaultWallBudget;

    /// <summary>The default <see cref="WallBudget"/>.</summary>
    public static readonly TimeSpan DefaultWallBudget = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The folders the session's grades build in, reused from grade to grade so that each build compiles
    /// only what changed (shared by every copy of the session made with <c>with</c>).
    /// </summary>
    public required WorkspacePool Workspaces { get; init; }

    /// <summary>
    /// The stubs' learner assemblies kept with the plan (<see cref="Plan.ApiAssemblies"/>), which grades
    /// compile against when the learner's public API is the kata's; null to build as a learner does.
    /// </summary>
    public string? PristineApi { get; init; }

    /// <summary>
    /// Opens a grading session: the pristine plan (cached under <paramref name="cacheDirectory"/>), MNIST
    /// and, when <paramref name="sandboxed"/>, the sandbox.
    /// </summary>
    /// <exception cref="KataException">MNIST is missing or damaged, the pristine kata does not build, or the sandbox is needed and missing (exit code 3).</exception>
    public static GradingSession Open(string pristine, string cacheDirectory, bool sandboxed, TextWriter progress)
    {
        Sandbox? sandbox = null;
        if (sandboxed)
        {
            sandbox = Sandbox.Detect(out string why)
                ?? throw new KataException(
                    $"Grading other people's code needs a sandbox, and there is none here: {why}. "
                    + "Install bubblewrap, or pass --no-sandbox to grade code you trust on this machine as it is.",
                    ExitCodes.Environment);
        }

        SealedMnist mnist;
        try
        {
            mnist = SealedMnist.Load();
        }
        catch (MnistDataException error)
        {
            throw new KataException($"Grading needs MNIST for checkpoint 4's graded run. {error.Message}", ExitCodes.Environment, error);
        }

        var curriculum = Curriculum.Load(pristine);
        Plan plan = Plan.For(pristine, cacheDirectory, progress);
        string key = Environment.GetEnvironmentVariable("KATA_GRADE_KEY") ?? string.Empty;
        AllowedApi allowed;
        try
        {
            allowed = AllowedApi.Load(pristine);
        }
        catch (InvalidDataException error)
        {
            throw new KataException($"The pristine kata at {pristine} has no usable allowlist: {error.Message}", ExitCodes.Environment, error);
        }

        return new GradingSession(pristine, curriculum, plan, mnist, sandbox, key, allowed) { Workspaces = new WorkspacePool(sandbox, cacheDirectory), PristineApi = Plan.ApiAssemblies(cacheDirectory, plan.Hash) };
    }
}
