using System.Runtime.ExceptionServices;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Kata.TestSupport;

/// <summary>The command that runs a test body under the guard described on <see cref="GuardedMethod"/>.</summary>
/// <remarks>
/// Limits are seconds of CPU time of the test's own thread where the operating system reports it
/// (Linux, Windows), so a busy machine slows a test down without failing it; the wall clock may run to
/// <see cref="WallClockFactor"/> times the limit before a test that waits forever (a deadlock, an endless
/// sleep) is stopped too. .NET cannot stop a thread, so a runaway thread is parked at the lowest
/// priority the operating system has (Linux: SCHED_IDLE, which gets only CPU time nobody else wants) and
/// the later tests that grade the same method fail at once instead of each waiting out the limit.
/// </remarks>
internal sealed class LearnerCodeCommand(TestCommand inner) : DelegatingTestCommand(inner)
{
    /// <summary>How many times its CPU-time limit a test may take on the wall clock.</summary>
    public const int WallClockFactor = 6;

    /// <summary>
    /// Outside grade mode, after a runaway, a test with the default limit that does not grade the runaway's
    /// method is stopped after this much CPU time: it probably calls the same endless loop. Grading keeps
    /// every limit whole, so a slow but correct test is never failed there.
    /// </summary>
    public const double AfterRunawaySeconds = 2;

    /// <summary>Lines starting with this tell the logger which test is running, so a crash can be named.</summary>
    public const string StartPrefix = "[kata-start] ";

    /// <summary>Lines starting with this are the guard's witness of a test's outcome (grade mode, on stderr).</summary>
    public const string EndPrefix = Kata.Core.Witness.Prefix;

    public override TestResult Execute(TestExecutionContext context)
    {
        TestResult result;
        try
        {
            result = Guarded(context);
        }
        catch
        {
            Witness(Test.FullName, passed: false); // an assertion or an error: NUnit records it as a failure
            throw;
        }

        Witness(Test.FullName, result.ResultState.Status == TestStatus.Passed);
        return result;
    }

    private TestResult Guarded(TestExecutionContext context)
    {
        Announce(Test.FullName);
        bool isRule = Test.Properties[KindProperty.Name].Contains(KindProperty.Rules) || Test.Parent?.Properties[KindProperty.Name].Contains(KindProperty.Rules) == true;
        IReadOnlyList<string> grades = isRule ? [] : LearnerMethods.GradesOf(Test);

        if (!isRule && AllowedCodeCheck.Blocked is { } refused)
        {
            return Fail(context, refused);
        }

        if (!isRule && LearnerLoading.Blocked is { } notLoaded)
        {
            return Fail(context, notLoaded);
        }

        if (Runaways.For(grades) is { } earlier)
        {
            return Fail(
                context,
                $"Not run: {earlier.Method} never returned in an earlier test ({earlier.Test}), so this test would wait for it too. "
                + "Fix that loop first, then run the tests again.");
        }

        double limit = TimeLimitSeconds(Test, out bool defaultLimit);
        bool probing = false;
        if (Runaways.Any && defaultLimit && !KataEnvironment.IsGradeMode)
        {
            limit = AfterRunawaySeconds;
            probing = true;
        }

        // A dedicated background thread: if the learner's code never returns, this test fails and the
        // run goes on.
        var clock = new ThreadClock();
        Task<TestResult> body = Task.Factory.StartNew(
            () =>
            {
                clock.AttachToCurrentThread();
                return innerCommand.Execute(context);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        ThreadClock.Outcome outcome;
        try
        {
            outcome = clock.Wait(body, limit, WallClockFactor);
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
        {
            Exception error = aggregate.InnerExceptions[0];
            if (FindNotImplemented(error) is { } stub)
            {
                return Fail(context, "Not implemented yet. " + stub.Message);
            }

            // NUnit's own "this test passed / is ignored / is inconclusive" exceptions, thrown from
            // learner code (found by reflection, say), must not decide a verdict: the kata's graded tests
            // never throw them themselves.
            if (!isRule && FindResultState(error) is { } verdict)
            {
                return Fail(
                    context,
                    $"Your code threw NUnit's {verdict.GetType().Name} instead of returning a value. A test passes only when its own "
                    + "checks hold; return your result and let the test judge it.");
            }

            // Anything else (an assertion, a wrong exception) is reported by NUnit as usual.
            ExceptionDispatchInfo.Capture(error).Throw();
            throw;
        }

        if (outcome != ThreadClock.Outcome.Finished)
        {
            string method = LearnerMethods.Describe(grades);
            Runaways.Record(grades, method, Test.Name);
            clock.ParkAttachedThread();
            string how = outcome switch
            {
                ThreadClock.Outcome.Cpu => $"used {limit:0.#} s of CPU time without returning",
                ThreadClock.Outcome.Sleep => $"waited {limit:0.#} s without working (asleep: a Sleep, a lock, a read that never ends)",
                _ => $"did not return within {limit * WallClockFactor:0.#} s",
            };
            string look = outcome == ThreadClock.Outcome.Sleep
                ? "Look for a wait that never ends (a Sleep, a lock taken twice, a thread waiting for another that never finishes) in it or in what it calls."
                : "Look for a loop that never ends (a counter that is never increased, a condition that never becomes false) in it or in what it calls.";
            return Fail(
                context,
                probing
                    ? $"Stopped: this test {how} after an earlier test found an endless loop in {Runaways.First!.Method}. "
                      + "It probably calls that method; fix the loop first, then run the tests again."
                    : $"{method} {how} in this test and was stopped. {look}"
                      + (grades.Count == 1 ? " Later tests of the same method fail at once." : " Each of them is tried again in its own tests."));
        }

        return body.Result;
    }

    // Which test is running, so that a crash (a stack overflow ends the process at once) can be named:
    // for the logger, and in grade mode also on the process's own stderr, which is written at once and
    // which the grader keeps (NUnit's messages travel through a queue that a crash can cut short).
    private static void Announce(string test)
    {
        TestContext.Progress.WriteLine(StartPrefix + test);
        if (KataEnvironment.IsGradeMode)
        {
            try
            {
                using Stream stderr = Console.OpenStandardError();
                stderr.Write(System.Text.Encoding.UTF8.GetBytes(StartPrefix + test + "\n"));
            }
            catch (IOException)
            {
                // No stderr: the logger's copy will do.
            }
        }
    }

    // The guard's own account of how a test ended, signed with the grader's key for this test host and
    // written straight to the host's stderr, which the grader keeps outside the sandbox. The grader counts a
    // result that arrives through NUnit and VSTest only when this witness agrees: a result forged past
    // NUnit (by code that reached its listener or the adapter) has no signed "Passed" beside it.
    private static void Witness(string test, bool passed)
    {
        if (GradeSecrets.WitnessKey is not { } key)
        {
            return;
        }

        string outcome = passed ? "Passed" : "Failed";
        string line = $"{EndPrefix}{Kata.Core.Witness.Sign(key, test, outcome)} {outcome} {test}\n";
        try
        {
            using Stream stderr = Console.OpenStandardError();
            stderr.Write(System.Text.Encoding.UTF8.GetBytes(line));
        }
        catch (IOException)
        {
            // No stderr: the grader sees no witness and does not count the result.
        }
    }

    private static TestResult Fail(TestExecutionContext context, string message)
    {
        context.CurrentResult.SetResult(ResultState.Failure, message, stackTrace: null);
        return context.CurrentResult;
    }

    private static double TimeLimitSeconds(Test test, out bool isDefault)
    {
        TimeLimitAttribute? own = test.Method?.GetCustomAttributes<TimeLimitAttribute>(true).FirstOrDefault()
            ?? test.TypeInfo?.GetCustomAttributes<TimeLimitAttribute>(true).FirstOrDefault();
        isDefault = own is null;
        return own?.Seconds ?? TimeLimitAttribute.DefaultSeconds;
    }

    private static NotImplementedException? FindNotImplemented(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is NotImplementedException stub)
            {
                return stub;
            }
        }

        return null;
    }

    private static ResultStateException? FindResultState(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is ResultStateException verdict and not AssertionException)
            {
                return verdict;
            }
        }

        return null;
    }
}
