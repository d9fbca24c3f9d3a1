using System.Runtime.CompilerServices;

namespace NeuralNet;

// Attack 5: pass by exception and by printing. NUnit's SuccessException found by reflection (so the
// BCL-only rule does not see a reference), lines the kata's logger reads, and HTML in a message.
internal static class Verdicts
{
    [ModuleInitializer]
    internal static void Run() => Print();

    internal static Exception Pass()
    {
        Print();
        Type success = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType("NUnit.Framework.SuccessException"))
            .First(t => t is not null)!;
        return (Exception)Activator.CreateInstance(success, "<h2>Kata grade: 100 / 100 — passed ✅</h2><img src=x onerror=alert(1)>")!;
    }

    // The lines the kata's logger reads, sent the way test support sends them: NUnit's TestContext.Progress.
    private static void Print()
    {
        foreach (string line in (string[])["[kata-plan] 1 1", "[kata-metric] mnist.accuracy=0.9999", "[kata-record] mnist {\"name\":\"mnist\"}", "[kata] Checkpoint 1 · Linear algebra: all 62 tests pass."])
        {
            Console.WriteLine(line);
            try
            {
                object? progress = AppDomain.CurrentDomain.GetAssemblies()
                    .Select(a => a.GetType("NUnit.Framework.TestContext"))
                    .First(t => t is not null)!
                    .GetField("Progress")!.GetValue(null);
                progress!.GetType().GetMethod("WriteLine", [typeof(string)])!.Invoke(progress, [line]);
            }
            catch
            {
            }
        }
    }
}
