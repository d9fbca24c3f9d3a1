namespace Kata.TestSupport;

/// <summary>The learner methods that never returned in this run, so later tests of them fail at once.</summary>
internal static class Runaways
{
    private static readonly Lock Gate = new();
    private static readonly List<Runaway> All = [];

    /// <summary>One runaway: the method (as a learner reads it) and the test that found it.</summary>
    public sealed record Runaway(IReadOnlyList<string> Grades, string Method, string Test);

    /// <summary>True once any test has been stopped as a runaway.</summary>
    public static bool Any
    {
        get
        {
            lock (Gate)
            {
                return All.Count > 0;
            }
        }
    }

    /// <summary>The first runaway of the run.</summary>
    public static Runaway? First
    {
        get
        {
            lock (Gate)
            {
                return All.FirstOrDefault();
            }
        }
    }

    public static void Record(IReadOnlyList<string> grades, string method, string test)
    {
        lock (Gate)
        {
            All.Add(new Runaway(grades, method, test));
        }
    }

    /// <summary>
    /// An earlier runaway of a method that <paramref name="grades"/> names, or null. Only a test that grades
    /// one method says which method never returned; one that grades several (Add, Subtract and Scale in one
    /// test, say) blocks nothing, so an innocent method never loses its tests.
    /// </summary>
    public static Runaway? For(IReadOnlyList<string> grades)
    {
        lock (Gate)
        {
            return All.FirstOrDefault(r => r.Grades.Count == 1 && grades.Contains(r.Grades[0], StringComparer.Ordinal));
        }
    }
}
