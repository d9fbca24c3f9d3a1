using System.Reflection;
using System.Runtime.CompilerServices;

namespace Kata.TestSupport;

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
