using System.Reflection;
using System.Reflection.Emit;

namespace Kata.Tests.Rules.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The instructor's side of grading: every graded learner method has at least one hold-out test whose
/// inputs are drawn at grade time (<see cref="GradeTime"/>), so no submission can pass a method by
/// answering from a table of the visible tests' expected values. This file lives in a HoldOut/ folder:
/// the learner release, which has no hold-outs, leaves it out.
/// </summary>
[KataRules]
public sealed class HoldOutRules
{
    // Graded "methods" that are files, not code: there are no inputs to draw. The essay is read by the instructor.
    private static readonly Dictionary<string, string> NotCode = new(StringComparer.Ordinal)
    {
        ["REFLECTION.md"] = "checkpoint 5's essay: its points wait for the instructor's reading",
    };

    [Test]
    public void Every_graded_method_has_a_hold_out_with_inputs_drawn_at_grade_time()
    {
        var tests = TestMethods().ToList();
        string[] graded = [.. tests.SelectMany(t => t.Grades).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var drawn = tests.Where(t => t.HoldOut && CallsGradeTime(t.Method)).SelectMany(t => t.Grades).ToHashSet(StringComparer.Ordinal);

        string[] missing = [.. graded.Where(m => !drawn.Contains(m) && !NotCode.ContainsKey(m))];

        graded.ShouldNotBeEmpty();
        missing.ShouldBeEmpty(
            "each graded method needs a [HoldOut] test in its checkpoint's HoldOut/ folder whose body draws its inputs "
            + "with GradeTime (tests/Kata.TestSupport/GradeTime.cs) and computes the expected value itself");
    }

    [Test]
    public void Hold_outs_that_draw_at_grade_time_grade_a_method()
    {
        string[] idle =
        [
            .. TestMethods().Where(t => t.HoldOut && CallsGradeTime(t.Method) && t.Grades.Count == 0)
                .Select(t => $"{t.Method.DeclaringType!.Name}.{t.Method.Name}"),
        ];

        idle.ShouldBeEmpty("a hold-out that draws its inputs must say which method it grades: [Grades(\"Type.Method\")]");
    }

    private sealed record TestMethod(MethodInfo Method, IReadOnlyList<string> Grades, bool HoldOut);

    private static IEnumerable<TestMethod> TestMethods()
    {
        foreach (Type type in typeof(HoldOutRules).Assembly.GetTypes().Where(t => !t.IsAbstract || t.IsSealed))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (!method.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or TestCaseSourceAttribute))
                {
                    continue;
                }

                var grades = new List<string>();
                foreach (GradesAttribute attribute in method.GetCustomAttributes<GradesAttribute>().Concat(type.GetCustomAttributes<GradesAttribute>(inherit: true)))
                {
                    grades.AddRange(attribute.Methods);
                }

                bool holdOut = method.GetCustomAttribute<HoldOutAttribute>() is not null || type.GetCustomAttribute<HoldOutAttribute>(inherit: true) is not null;
                yield return new TestMethod(method, grades, holdOut);
            }
        }
    }

    // True when the method's own IL calls a member of GradeTime: the test draws its inputs at grade time.
    private static bool CallsGradeTime(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != OpCodes.Call.Value)
            {
                continue;
            }

            try
            {
                if (method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1), method.DeclaringType?.GetGenericArguments(), null)?.DeclaringType == typeof(GradeTime))
                {
                    return true;
                }
            }
            catch (Exception error) when (error is ArgumentException or BadImageFormatException)
            {
                // Not a method token: the byte was an operand, not a call.
            }
        }

        return false;
    }
}
