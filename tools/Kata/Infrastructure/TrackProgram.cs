using System.Diagnostics;

namespace Kata.Cli.Infrastructure;

/// <summary>
/// A program built against a track's code and then run with the terminal handed through: the training
/// program (`kata train`) and the benchmarks (`kata bench`). Each is its own project outside the
/// learner's solution, so this CLI keeps working while the learner's code does not compile, and each is
/// built in Release with the learner's code optimized (KataOptimize in Directory.Build.props).
/// </summary>
/// <param name="Project">The project folder, relative to the kata's root, e.g. tools/Kata.Train.</param>
/// <param name="Assembly">The built program's file name, e.g. kata-train.dll.</param>
/// <param name="What">What it is, for people: "the training program".</param>
/// <param name="Artifacts">The folder under artifacts/ for its build log, e.g. train.</param>
public sealed record TrackProgram(string Project, string Assembly, string What, string Artifacts)
{
    private static readonly string[] BuildSettings = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    /// <summary>
    /// Builds the program against <paramref name="track"/> when it is not up to date, then runs it with
    /// <paramref name="arguments"/>; returns its exit code, or the build's when the build failed (after
    /// printing the compiler errors and <paramref name="whenBroken"/>).
    /// </summary>
    public int Run(string track, IEnumerable<string> arguments, string whenBroken)
    {
        string root = KataPaths.Root;
        string project = Path.Combine(root, Project);
        string program = Path.Combine(project, "bin", "Release", "net10.0", Assembly);

        // Built again only when the program, the shared code, the track's code or the build settings
        // changed since the last good build for this track: an up-to-date MSBuild run still costs seconds.
        string stamp = Path.Combine(project, "obj", Path.ChangeExtension(Assembly, ".built"));
        string[] inputs =
        [
            project, Path.Combine(root, "tools", "Kata.Core"), Path.Combine(root, track),
            .. BuildSettings.Select(f => Path.Combine(root, f)),
        ];
        if (!File.Exists(program) || !BuildStamp.IsFresh(stamp, track, inputs))
        {
            Console.WriteLine($"Building {What} against {track}/ (optimized) …");
            string log = Path.Combine(root, "artifacts", Artifacts, "build.log");
            ProcessResult built = ProcessRunner.Run(
                "dotnet", ["build", project, "-c", "Release", $"-p:KataTrack={track}", "-p:KataOptimize=true", "--verbosity", "quiet", "-nologo"], root, log);
            if (built.ExitCode != 0)
            {
                // The build's output is shown only when it fails: the compiler errors in the learner's code.
                if (File.Exists(stamp))
                {
                    File.Delete(stamp);
                }

                Console.Error.WriteLine(File.ReadAllText(log).Trim());
                Console.Error.WriteLine($"{char.ToUpperInvariant(What[0])}{What[1..]} does not build against {track}/: {whenBroken}");
                return built.ExitCode;
            }

            BuildStamp.Write(stamp, track);
        }

        // The terminal is handed through, so the program can draw its progress bar.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory.GetCurrentDirectory(), UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.WaitForExit();
        return process.ExitCode;
    }
}
