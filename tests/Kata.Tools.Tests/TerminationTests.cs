using System.Diagnostics;
using System.Globalization;
using Kata.Cli.Grading;
using Kata.Core;
using Kata.Maintainer.Verify;

namespace Kata.Tools.Tests;

/// <summary>
/// A grade ended from outside (an instructor's `kill`, a cancelled CI job) ends what it started: the sandboxed
/// test host lives in a session of its own, so nothing else would stop it before its hour of CPU time.
/// </summary>
public sealed class TerminationTests
{
    [Test]
    public void A_grade_told_to_end_by_SIGTERM_ends_its_test_host_and_sandbox_too()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("SIGTERM and /proc: Linux only.");
        }

        DirectoryInfo dir = Directory.CreateTempSubdirectory("kata-terminate-");
        Process? kata = null;
        List<int> tree = [];
        try
        {
            // A submission whose Dot never returns: its test host runs until the guard's 10 s of CPU time.
            string submission = GradingScenarios.MakeSubmission(KataPaths.Root, dir.FullName, "endless", fromSolutions: false);
            string code = Path.Combine(submission, "exercises", "Checkpoint01.LinearAlgebra", "LinearAlgebra.cs");
            string text = File.ReadAllText(code);
            int dot = text.IndexOf("public static double Dot(", StringComparison.Ordinal);
            int body = text.IndexOf("throw new NotImplementedException(", dot, StringComparison.Ordinal);
            File.WriteAllText(code, text[..body] + "for (int i = 0; i >= 0; i = (i + 1) % 7) { }\n        " + text[body..]);

            string[] sandbox = Sandbox.Detect(out _) is null ? ["--no-sandbox"] : [];
            var start = new ProcessStartInfo(Path.Combine(KataPaths.Root, "kata"), ["grade", submission, "--checkpoint", "1", "--quiet", "--out", Path.Combine(dir.FullName, "grade"), .. sandbox])
            {
                WorkingDirectory = KataPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["KATA_GRADE_KEY"] = "termination-test";
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            kata = Process.Start(start)!;
            kata.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
            kata.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
            kata.BeginOutputReadLine();
            kata.BeginErrorReadLine();

            // Once the test host runs (the kata's whole tree is taken then), the kata alone is told to end.
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(3) && !kata.HasExited)
            {
                tree = Descendants(kata.Id);
                if (tree.Any(IsTestHost))
                {
                    break;
                }

                Thread.Sleep(200);
            }

            kata.HasExited.ShouldBeFalse($"the grade ended before its test host was seen; it should run for the endless Dot's 10 s. It printed:\n{string.Join('\n', output)}");
            tree.Count.ShouldBeGreaterThan(2, "the kata's tree while its test host runs");
            Process.Start("kill", ["-TERM", kata.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            kata.WaitForExit(30_000).ShouldBeTrue("the kata ends when told to");

            Thread.Sleep(3000);
            string[] alive = [.. tree.Where(pid => pid != kata.Id && Alive(pid)).Select(pid => $"{pid}: {CommandLine(pid)}")];
            alive.ShouldBeEmpty("every process the grade started ends with it");
        }
        finally
        {
            if (kata is { HasExited: false })
            {
                kata.Kill(entireProcessTree: true);
            }

            kata?.Dispose();

            // What a failing run left behind goes too, so that it does not run on for an hour.
            foreach (int pid in tree.Where(Alive))
            {
                Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            }

            dir.Delete(recursive: true);
        }
    }

    // The process and everything below it, from the parent ids in /proc.
    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Stat(pid) is [_, _, string parent, ..])
            {
                (children.TryGetValue(int.Parse(parent, CultureInfo.InvariantCulture), out List<int>? list) ? list : children[int.Parse(parent, CultureInfo.InvariantCulture)] = []).Add(pid);
            }
        }

        var tree = new List<int> { root };
        for (int i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children.GetValueOrDefault(tree[i]) ?? []);
        }

        return tree;
    }

    // The test host: dotnet itself (not bubblewrap, whose arguments name it too) running the tests' runtime configuration.
    private static bool IsTestHost(int pid) =>
        CommandLine(pid).Split(' ')[0].EndsWith("dotnet", StringComparison.Ordinal) && CommandLine(pid).Contains("--runtimeconfig", StringComparison.Ordinal);

    // Alive and not a zombie waiting for its parent.
    private static bool Alive(int pid) => Stat(pid) is [_, string state, ..] && state != "Z";

    // The fields of /proc/PID/stat after the command's name: state, parent, …; null once it has ended.
    private static string[]? Stat(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return ["", .. stat[(stat.LastIndexOf(')') + 2)..].Split(' ')];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
