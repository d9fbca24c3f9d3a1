using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NeuralNet;

// Attack 14 (issue 20, b): checkpoints 1–3 reported as passed through NUnit's listener, then the host
// ended at once, so that a grader that restarts crashed hosts would take the forged results as already run.
internal static class ForgeThenCrash
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
                string name = (string)leaf.GetType().GetProperty("FullName", Any)!.GetValue(leaf)!;
                if (!name.StartsWith("Kata.Tests.Checkpoint01.", StringComparison.Ordinal)
                    && !name.StartsWith("Kata.Tests.Checkpoint02.", StringComparison.Ordinal)
                    && !name.StartsWith("Kata.Tests.Checkpoint03.", StringComparison.Ordinal))
                {
                    continue;
                }

                Call(listener, "TestStarted", leaf);
                object result = leaf.GetType().GetMethod("MakeTestResult", Any)!.Invoke(leaf, null)!;
                result.GetType().GetMethod("SetResult", Any, [success.GetType()])!.Invoke(result, [success]);
                Call(listener, "TestFinished", result);
            }

            Thread.Sleep(2000); // let the forged results leave the host
        }
        catch (Exception)
        {
        }

        Environment.FailFast("kata attack 14");
    }

    private static IEnumerable<object> Leaves(object test)
    {
        if (!(bool)test.GetType().GetProperty("IsSuite", Any)!.GetValue(test)!)
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
