using System.Reflection;
using System.Runtime.ExceptionServices;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Kata.TestSupport;

/// <summary>
/// Runs each test body on its own background thread with a time limit, and turns what a learner
/// meets most often into one readable sentence: a stub's NotImplementedException becomes
/// "Not implemented yet. …" without a stack trace, and a loop that never ends becomes "took longer
/// than N s" while the rest of the run goes on.
/// </summary>
/// <remarks>
/// NUnit only looks for <see cref="IWrapTestMethod"/> on the test method itself, so
/// <see cref="KataRunAttribute"/> gives every test method this view of its method, which adds the
/// guard to the method's own attributes. That keeps the fixtures free of plumbing.
/// </remarks>
internal sealed class GuardedMethod(IMethodInfo inner) : IMethodInfo
{
    private static readonly IWrapTestMethod[] Guard = [new GuardWrapper()];

    public ITypeInfo TypeInfo => inner.TypeInfo;

    public MethodInfo MethodInfo => inner.MethodInfo;

    public string Name => inner.Name;

    public bool IsAbstract => inner.IsAbstract;

    public bool IsPublic => inner.IsPublic;

    public bool IsStatic => inner.IsStatic;

    public bool ContainsGenericParameters => inner.ContainsGenericParameters;

    public bool IsGenericMethod => inner.IsGenericMethod;

    public bool IsGenericMethodDefinition => inner.IsGenericMethodDefinition;

    public ITypeInfo ReturnType => inner.ReturnType;

    public T[] GetCustomAttributes<T>(bool inherit)
        where T : class
    {
        T[] own = inner.GetCustomAttributes<T>(inherit);
        return typeof(T) == typeof(IWrapTestMethod) ? [.. own, .. Guard.Cast<T>()] : own;
    }

    public bool IsDefined<T>(bool inherit)
        where T : class => inner.IsDefined<T>(inherit);

    public IParameterInfo[] GetParameters() => inner.GetParameters();

    public Type[] GetGenericArguments() => inner.GetGenericArguments();

    public IMethodInfo MakeGenericMethod(params Type[] typeArguments) => inner.MakeGenericMethod(typeArguments);

    public object? Invoke(object? fixture, params object?[]? args) => inner.Invoke(fixture, args);

    private sealed class GuardWrapper : IWrapTestMethod
    {
        public TestCommand Wrap(TestCommand command) => new LearnerCodeCommand(command);
    }
}

/// <summary>The command that runs a test body under the guard described on <see cref="GuardedMethod"/>.</summary>
internal sealed class LearnerCodeCommand(TestCommand inner) : DelegatingTestCommand(inner)
{
    public override TestResult Execute(TestExecutionContext context)
    {
        int seconds = TimeLimitSeconds(Test);

        // A dedicated background thread: if the learner's code never returns, this test fails and the
        // run goes on; the runaway thread ends with the test host.
        Task<TestResult> body = Task.Factory.StartNew(
            () => innerCommand.Execute(context),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        bool finished;
        try
        {
            finished = body.Wait(TimeSpan.FromSeconds(seconds));
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count == 1)
        {
            Exception error = aggregate.InnerExceptions[0];
            if (FindNotImplemented(error) is { } stub)
            {
                context.CurrentResult.SetResult(ResultState.Failure, "Not implemented yet. " + stub.Message, stackTrace: null);
                return context.CurrentResult;
            }

            // Anything else (an assertion, a wrong exception) is reported by NUnit as usual.
            ExceptionDispatchInfo.Capture(error).Throw();
            throw;
        }

        if (!finished)
        {
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"The test took longer than {seconds} s and was stopped. Look for a loop that never ends "
                + "(a counter that is never increased, a condition that never becomes false) in the code it calls.",
                stackTrace: null);
            return context.CurrentResult;
        }

        return body.Result;
    }

    private static int TimeLimitSeconds(Test test) =>
        (test.Method?.GetCustomAttributes<TimeLimitAttribute>(true).FirstOrDefault()
         ?? test.TypeInfo?.GetCustomAttributes<TimeLimitAttribute>(true).FirstOrDefault())?.Seconds
        ?? TimeLimitAttribute.DefaultSeconds;

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
}
