using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NeuralNet;

// Attack 15 (issue 20, c): passed results recorded straight on the adapter's channel to VSTest.
internal static class ForgeThroughTheAdapter
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

            // From NUnit's listener, and from every static field of the test platform and the adapter.
            var roots = new List<object> { listener };
            foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name is { } n && (n.Contains("TestAdapter", StringComparison.Ordinal) || n.Contains("TestPlatform", StringComparison.Ordinal) || n == "testhost")))
            {
                Type[] types;
                try
                {
                    types = assembly.GetTypes();
                }
                catch (ReflectionTypeLoadException partial)
                {
                    types = [.. partial.Types.OfType<Type>()];
                }

                foreach (FieldInfo field in types.Where(t => !t.ContainsGenericParameters).SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)))
                {
                    try
                    {
                        if (field.GetValue(null) is { } value && !value.GetType().IsPrimitive && value is not string)
                        {
                            roots.Add(value);
                        }
                    }
                    catch (Exception)
                    {
                    }
                }
            }

            object recorder = FindInGraph(roots, o => o.GetType().GetInterfaces().Any(i => i.Name == "ITestExecutionRecorder"))
                ?? throw new InvalidOperationException($"no recorder among {roots.Count} roots");
            MethodInfo record = recorder.GetType().GetInterfaces().First(i => i.Name == "ITestExecutionRecorder").GetMethod("RecordResult")!;
            Type testCase = Find("Microsoft.VisualStudio.TestPlatform.ObjectModel.TestCase");
            Type testResult = Find("Microsoft.VisualStudio.TestPlatform.ObjectModel.TestResult");
            object passed = Enum.Parse(Find("Microsoft.VisualStudio.TestPlatform.ObjectModel.TestOutcome"), "Passed");
            string source = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "Kata.Tests").Location;
            foreach (object leaf in Leaves(test))
            {
                string name = (string)leaf.GetType().GetProperty("FullName", Any)!.GetValue(leaf)!;
                object vsCase = Activator.CreateInstance(testCase, name, new Uri("executor://NUnit3TestExecutor"), source)!;
                object vsResult = Activator.CreateInstance(testResult, vsCase)!;
                testResult.GetProperty("Outcome")!.SetValue(vsResult, passed);
                record.Invoke(recorder, [vsResult]);
            }

            object silent = Find("NUnit.Framework.Internal.TestListener").GetProperty("NULL", Any)!.GetValue(null)!;
            context.GetProperty("Listener", Any)!.SetValue(current, silent);
        }
        catch (Exception)
        {
            // Not where it expected to be: the stubs stay as they are.
        }
    }

    // Breadth first through the fields of everything reachable from the roots.
    private static object? FindInGraph(IEnumerable<object> roots, Func<object, bool> wanted)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<object>(roots);
        while (queue.TryDequeue(out object? next) && seen.Count < 200_000)
        {
            if (!seen.Add(next))
            {
                continue;
            }

            if (wanted(next))
            {
                return next;
            }

            for (Type? type = next.GetType(); type is not null; type = type.BaseType)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPrimitive || field.FieldType == typeof(string) || field.FieldType.IsPointer)
                    {
                        continue;
                    }

                    object? value;
                    try
                    {
                        value = field.GetValue(next);
                    }
                    catch (Exception)
                    {
                        continue;
                    }

                    if (value is IEnumerable items and not string && value is not Array { Rank: > 1 })
                    {
                        try
                        {
                            foreach (object? item in items)
                            {
                                if (item is not null && !item.GetType().IsPrimitive)
                                {
                                    queue.Enqueue(item);
                                }
                            }
                        }
                        catch (Exception)
                        {
                        }
                    }

                    if (value is not null && !value.GetType().IsPrimitive)
                    {
                        queue.Enqueue(value);
                    }
                }
            }
        }

        return null;
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

    private static Type Find(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null)
        ?? throw new InvalidOperationException(name);
}
