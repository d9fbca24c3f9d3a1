using System.Globalization;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Kata.TestSupport;

/// <summary>
/// Applied once to every test assembly (by Directory.Build.targets). Before the run it walks the
/// test tree: it guards every test method (<see cref="GuardedMethod"/>), hides the checkpoints the
/// learner has not reached yet and the instructor's hold-outs. After the run it counts the results per
/// checkpoint, reveals the next checkpoint when the current one passes completely, and reports both
/// as <c>[kata]</c> lines that the kata logger prints at the end of <c>dotnet test</c>.
/// </summary>
/// <remarks>
/// Hidden tests use NUnit's Explicit state: a plain run skips them without counting them, while
/// <c>dotnet test --filter Checkpoint=N</c> names them and so runs them, locked or not.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class KataRunAttribute : NUnitAttribute, IApplyToTest, ITestAction
{
    /// <summary>Lines starting with this are printed by the kata logger.</summary>
    public const string MessagePrefix = "[kata] ";

    /// <inheritdoc />
    public ActionTargets Targets => ActionTargets.Suite;

    /// <inheritdoc />
    public void ApplyToTest(Test test)
    {
        int unlocked = KataEnvironment.Unlocked;
        bool gradeMode = KataEnvironment.IsGradeMode;
        bool planMode = KataEnvironment.IsPlanMode;
        IReadOnlySet<string>? runList = KataEnvironment.RunList;
        Visit(test);

        void Visit(Test node)
        {
            if (node.Parent is TestSuite parent
                && ((!gradeMode && node.Properties[KindProperty.Name].Contains(KindProperty.HoldOut))
                    || (runList is not null && !node.IsSuite && !runList.Contains(node.FullName))))
            {
                // Hold-outs exist only for the grader: outside grade mode they are not even discovered.
                // The grader's run list leaves out the tests that already have a verdict.
                parent.Tests.Remove(node);
                return;
            }

            if (node.RunState == RunState.Runnable)
            {
                if (planMode && !node.IsSuite)
                {
                    node.RunState = RunState.Ignored;
                    node.Properties.Set(PropertyNames.SkipReason, "Listed for the grader's plan, not run.");
                }
                else if (!node.IsSuite && CheckpointOf(node) is int checkpoint && checkpoint > unlocked)
                {
                    Hide(
                        node,
                        $"Checkpoint {checkpoint} is locked until checkpoint {checkpoint - 1} passes. "
                        + $"Run it anyway with: dotnet test --filter Checkpoint={checkpoint}");
                }
            }

            if (node is TestMethod method && method.Method is not GuardedMethod)
            {
                method.Method = new GuardedMethod(method.Method);
            }

            foreach (ITest child in node.Tests.ToList())
            {
                Visit((Test)child);
            }
        }
    }

    /// <summary>Lines starting with this tell the grader how many tests each checkpoint has.</summary>
    public const string PlanPrefix = "[kata-plan] ";

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
        // Sent before any test runs, so the grader knows each checkpoint's total even if a crash
        // (a stack overflow in learner code) ends the run early.
        if (test is TestAssembly)
        {
            foreach ((int checkpoint, int count) in RunTally.Plan(test))
            {
                TestContext.Progress.WriteLine(FormattableString.Invariant($"{PlanPrefix}{checkpoint} {count}"));
            }

            // The learner's code is checked against the kata's allowlist first (as the grader does, before
            // any of it runs); then its static constructors and module initializers run, within one budget.
            if (!KataEnvironment.IsPlanMode)
            {
                AllowedCodeCheck.Run();
                if (AllowedCodeCheck.Blocked is null)
                {
                    LearnerLoading.Run();
                }
            }
        }
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        if (test is not TestAssembly || TestExecutionContext.CurrentContext.CurrentResult is not { } result)
        {
            return;
        }

        foreach (string line in RunReport.RevealAndDescribe(RunTally.Count(test, result)))
        {
            TestContext.Progress.WriteLine(MessagePrefix + line);
        }
    }

    /// <summary>The checkpoint a test belongs to: its own Checkpoint property or its nearest ancestor's.</summary>
    internal static int? CheckpointOf(ITest? test)
    {
        for (; test is not null; test = test.Parent)
        {
            if (OwnCheckpoint(test) is int n)
            {
                return n;
            }
        }

        return null;
    }

    private static int? OwnCheckpoint(ITest test) =>
        test.Properties.Get(CheckpointAttribute.PropertyName) is string value
        && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : null;

    private static void Hide(Test node, string reason)
    {
        node.RunState = RunState.Explicit;
        node.Properties.Set(PropertyNames.SkipReason, reason);
    }
}
