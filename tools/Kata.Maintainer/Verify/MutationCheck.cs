using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Kata.Maintainer.Verify;

/// <summary>
/// `kata verify --mutants` — do the visible tests catch wrong code? Stryker.NET (a local dotnet tool,
/// .config/dotnet-tools.json) changes the reference solutions one small mistake at a time (a flipped
/// comparison, a removed statement, + for −) and runs each checkpoint's visible tests against every
/// such mutant; a mutant no test fails "survived". Prints each checkpoint's mutation score and its
/// surviving mutants. Provided files and the graded MNIST test (too slow to run per mutant) are left
/// out; it works on a copy of the kata, so the working tree's build output is left alone.
/// </summary>
public static class MutationCheck
{
    /// <summary>The least mutation score a checkpoint should reach, in percent.</summary>
    public const double Target = 90.0;

    private static readonly string[] Skipped = ["bin", "obj", ".git", ".kata", "artifacts", "data", "TestResults", "StrykerOutput"];

    /// <summary>Runs Stryker per checkpoint (all, or only <paramref name="only"/>); 0 when every score reaches the target.</summary>
    public static int Run(string root, TextWriter output, int? only = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        string copy = Path.Combine(Path.GetTempPath(), "kata-mutants");
        string reports = Path.Combine(root, "artifacts", "mutants");
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        CopyTree(root, copy);
        Directory.CreateDirectory(reports);
        if (ProcessRunner.Run("dotnet", ["tool", "restore"], copy, Path.Combine(reports, "tool-restore.log")).ExitCode != 0)
        {
            output.WriteLine($"Could not restore Stryker.NET (dotnet tool restore); see {Path.Combine(reports, "tool-restore.log")}.");
            return ExitCodes.Environment;
        }

        var scores = new List<(Checkpoint Checkpoint, Score Score)>();
        foreach (Checkpoint checkpoint in Curriculum.Load(root).Checkpoints.Where(c => only is null || c.Id == only))
        {
            string project = Path.Combine(copy, "solutions", checkpoint.Project);
            if (!File.Exists(Path.Combine(project, checkpoint.Project + ".csproj")))
            {
                continue; // No C# to mutate (the reflection essay).
            }

            output.WriteLine($"{checkpoint.Name}: mutating solutions/{checkpoint.Project} …");
            var clock = Stopwatch.StartNew();
            string report = Path.Combine(reports, $"checkpoint{checkpoint.Id}");
            var arguments = new List<string>
            {
                "stryker", "--project", checkpoint.Project + ".csproj", "--test-project", "Kata.Tests.csproj",
                "--test-case-filter", $"FullyQualifiedName~Kata.Tests.Checkpoint{checkpoint.Id:00}.&FullyQualifiedName!~MnistGradeTests",
                "--reporter", "Json", "--reporter", "Html", "--output", report, "--skip-version-check", "--concurrency", "1",
            };
            foreach (string provided in Directory.EnumerateFiles(project, "*.cs").Where(Blame.IsProvided))
            {
                arguments.AddRange(["--mutate", $"!**/{Path.GetFileName(provided)}"]);
            }

            string log = Path.Combine(reports, $"checkpoint{checkpoint.Id}.log");
            ProcessResult run = ProcessRunner.Run(
                "dotnet", arguments, Path.Combine(copy, "tests", "Kata.Tests"), log,
                environment: new Dictionary<string, string?> { ["KataTrack"] = "solutions" }, timeout: TimeSpan.FromMinutes(60));
            string json = Path.Combine(report, "reports", "mutation-report.json");
            if (run.ExitCode != 0 || !File.Exists(json))
            {
                output.WriteLine($"  Stryker did not finish{(run.TimedOut ? " within an hour" : string.Empty)}; see {Path.GetRelativePath(root, log)}.");
                scores.Add((checkpoint, new Score(0, 0, [])));
                continue;
            }

            Score score = Score.Read(json);
            scores.Add((checkpoint, score));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {score.Percent:F1} % — {score.Detected} of {score.Total} mutants caught by the visible tests, in {clock.Elapsed.TotalSeconds:F0} s"));
            foreach (string survivor in score.Survivors)
            {
                output.WriteLine("    " + survivor);
            }
        }

        output.WriteLine();
        foreach ((Checkpoint checkpoint, Score score) in scores)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{checkpoint.Name,-32}{score.Percent,6:F1} %{(score.Percent >= Target ? string.Empty : $"  below the target of {Target:F0} %")}"));
        }

        output.WriteLine($"Reports (open the HTML in a browser): {Path.GetRelativePath(root, reports)}/checkpointN/reports/");
        return scores.Count > 0 && scores.All(s => s.Score.Percent >= Target) ? ExitCodes.Ok : ExitCodes.NotYet;
    }

    // The kata as a clone holds it, without build output or local state.
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string dir in Directory.EnumerateDirectories(from).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }

        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>One checkpoint's result: mutants detected (killed or timed out) of those that count.</summary>
    private sealed record Score(int Detected, int Total, IReadOnlyList<string> Survivors)
    {
        public double Percent => Total == 0 ? 0 : 100.0 * Detected / Total;

        // Stryker's mutation score: (killed + timeout) / (killed + timeout + survived + no coverage);
        // mutants that do not compile or that Stryker ignores do not count.
        public static Score Read(string path)
        {
            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(path));
            int detected = 0, total = 0;
            var survivors = new List<string>();
            foreach (JsonProperty file in report.RootElement.GetProperty("files").EnumerateObject())
            {
                string[] source = (file.Value.GetProperty("source").GetString() ?? string.Empty).Split('\n');
                foreach (JsonElement mutant in file.Value.GetProperty("mutants").EnumerateArray())
                {
                    string status = mutant.GetProperty("status").GetString() ?? string.Empty;
                    if (status is not ("Killed" or "Timeout" or "Survived" or "NoCoverage"))
                    {
                        continue;
                    }

                    total++;
                    if (status is "Killed" or "Timeout")
                    {
                        detected++;
                        continue;
                    }

                    int line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
                    string replacement = mutant.TryGetProperty("replacement", out JsonElement r) ? r.GetString() ?? string.Empty : string.Empty;
                    survivors.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{(status == "Survived" ? "survived" : "not run by any test")}: {Path.GetFileName(file.Name)}:{line} {mutant.GetProperty("mutatorName").GetString()}: `{source[line - 1].Trim()}` → `{replacement}`"));
                }
            }

            return new Score(detected, total, survivors);
        }
    }
}
