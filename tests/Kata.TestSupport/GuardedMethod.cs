using System.Reflection;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal.Commands;

namespace Kata.TestSupport;

/// <summary>
/// Runs each test body on its own background thread with a time limit, and turns what a learner
/// meets most often into one readable sentence: a stub's NotImplementedException becomes
/// "Not implemented yet. …" without a stack trace, and a loop that never ends becomes a sentence that
/// names the learner's method, while the rest of the run goes on.
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
