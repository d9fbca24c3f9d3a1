using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NeuralNet;

// Attack 13 (issue 20, a): every test reported as passed through NUnit's own listener, then the listener
// silenced so that the real results never leave the test host. All by reflection: the learner's code
// cannot reference NUnit.
internal static class ForgeThroughNUnit
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    [ModuleInitializer]
    internal static void Forge()
    {
        try
        {
            Type context = Find("NUnit.Framework.Internal.TestExecutionContext");
            object current = context.GetProperty("CurrentContext", Any)!.GetValue(null)!;
            object listener = context.GetProperty("Listener", Any)!.GetValue(current)!;
            object test = context.GetProperty("CurrentTest", Any)!.GetValue(current)!;
            while (test.GetType().GetProperty("Parent", Any)!.GetValue(test) is { } parent)
            {
                test = parent;
            }

            object success = Find("NUnit.Framework.Interfaces.ResultState").GetField("Success", Any)!.GetValue(null)!;
            foreach (object leaf in Leaves(test))
            {
                Call(listener, "TestStarted", leaf);
                object result = leaf.GetType().GetMethod("MakeTestResult", Any)!.Invoke(leaf, null)!;
                result.GetType().GetMethod("SetResult", Any, [success.GetType()])!.Invoke(result, [success]);
                Call(listener, "TestFinished", result);
            }

            // Silence the real results: NUnit's null listener wherever the current context keeps one.
            object silent = Find("NUnit.Framework.Internal.TestListener").GetProperty("NULL", Any)!.GetValue(null)!;
            context.GetProperty("Listener", Any)!.SetValue(current, silent);
        }
        catch (Exception)
        {
            // Not where it expected to be: the stubs stay as they are.
        }
    }

    private static IEnumerable<object> Leaves(object test)
    {
        bool isSuite = (bool)test.GetType().GetProperty("IsSuite", Any)!.GetValue(test)!;
        if (!isSuite)
        {
            yield return test;
            yield break;
        }

        foreach (object child in (IEnumerable)test.GetType().GetProperty("Tests", Any)!.GetValue(test)!)
        {
            foreach (object leaf in Leaves(child))
            {
                yield return leaf;
            }
        }
    }

    private static void Call(object target, string method, object argument) =>
        target.GetType().GetMethods(Any).First(m => m.Name == method && m.GetParameters().Length == 1).Invoke(target, [argument]);

    private static Type Find(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).First(t => t is not null)!;
}
