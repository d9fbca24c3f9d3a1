using System.IO.Compression;
using Kata.Instructor.Autograder;

namespace Kata.Maintainer.Verify;

/// <summary>
/// Gradescope's autograder as the platform runs it, on a fake /autograder layout: the zip of `kata release
/// --gradescope` unpacked into source/ (its kata without the solutions, hold-outs included), a submission
/// moved into submission/, run_autograder run with KATA_AUTOGRADER_ROOT, results/results.json read. The
/// kata's tool and its build folders are made from nothing in the layout, as on the platform; the test plan
/// is taken along (the same files as this copy's), as setup.sh would have made it, but not the stubs'
/// assemblies kept beside it (Plan.ApiAssemblies): these grades build the way the learner does, and their
/// results must still equal, byte for byte, the first grades', built against the stubs' assemblies.
/// </summary>
public sealed class GradescopeLayout
{
    private readonly string _layout;
    private readonly Lock _gate = new();

    private GradescopeLayout(string layout) => _layout = layout;

    /// <summary>Writes the zip with <paramref name="session"/>'s grade key and unpacks it under <paramref name="folder"/>.</summary>
    public static GradescopeLayout Make(string root, string folder, GradingSession session)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        string zip = AutograderZip.Write(root, Path.Combine(folder, "zip"), session.Key, sandbox: true);
        string layout = Path.Combine(folder, "autograder");
        string source = Path.Combine(layout, "source");
        ZipFile.ExtractToDirectory(zip, source);
        string plan = $"plan-{session.Plan.Hash[..16]}.json";
        string cache = Directory.CreateDirectory(Path.Combine(source, "kata", "artifacts", "cache")).FullName;
        File.Copy(Path.Combine(root, "artifacts", "cache", plan), Path.Combine(cache, plan));
        return new GradescopeLayout(layout);
    }

    /// <summary>
    /// Grades <paramref name="submission"/> (moved into the layout) with run_autograder; keeps its log and
    /// results.json in <paramref name="output"/>; returns results.json's text.
    /// </summary>
    public string Grade(string submission, string output)
    {
        lock (_gate) // one layout, one submission at a time, as on the platform
        {
            string folder = Path.Combine(_layout, "submission");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(submission, folder);
            string results = Path.Combine(_layout, "results", "results.json");
            if (File.Exists(results))
            {
                File.Delete(results); // the previous submission's
            }

            Directory.CreateDirectory(output);
            string log = Path.Combine(output, "run_autograder.log");
            ProcessResult run = ProcessRunner.Run(
                "bash",
                [Path.Combine(_layout, "source", "run_autograder")],
                _layout,
                log,
                new Dictionary<string, string?> { ["KATA_AUTOGRADER_ROOT"] = _layout, ["KATA_GRADE_KEY"] = null },
                timeout: TimeSpan.FromMinutes(15));
            if (run.TimedOut || !File.Exists(results))
            {
                throw new InvalidOperationException($"run_autograder {(run.TimedOut ? "ran out of time" : $"wrote no results.json (exit code {run.ExitCode})")}; see {log}.");
            }

            File.Copy(results, Path.Combine(output, "results.json"), overwrite: true);
            return File.ReadAllText(results);
        }
    }
}
