using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Kata.Core;
using Kata.Maintainer.Verify;

namespace Kata.Tools.Tests;

/// <summary>
/// `kata grade … --jobs 2` writes the same files as grading one submission after another, byte for byte,
/// and `kata report` rebuilds the same roster and class report from the grade folders. To stay within the
/// tooling tests' time, it grades checkpoint 1 only (`--checkpoint 1`): every submission is still copied,
/// built, checked for its rules and run in the sandbox, in parallel, as a whole grade is.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ClassGradingTests
{
    private string _scratch = string.Empty;

    [SetUp]
    public void CreateFolder() => _scratch = Directory.CreateTempSubdirectory("kata-jobs-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Grading_with_two_jobs_writes_the_same_files_as_grading_one_at_a_time()
    {
        string root = KataPaths.Root;
        string stubs = GradingScenarios.MakeSubmission(root, _scratch, "stubs", fromSolutions: false);
        string solved = GradingScenarios.MakeSubmission(root, _scratch, "solved-1", fromSolutions: false);
        foreach (string file in Directory.EnumerateFiles(Path.Combine(root, "solutions", "Checkpoint01.LinearAlgebra"), "*.cs"))
        {
            File.Copy(file, Path.Combine(solved, "exercises", "Checkpoint01.LinearAlgebra", Path.GetFileName(file)), overwrite: true);
        }

        string[] submissions = [stubs, solved, Path.Combine(_scratch, "submissions", "not-there")];
        string serial = Path.Combine(_scratch, "serial"), parallel = Path.Combine(_scratch, "parallel");

        Grade(submissions, serial, "--jobs", "1");
        Grade(submissions, parallel, "--jobs", "2");

        string[] files = Files(serial);
        files.ShouldBe(
        [
            "not-there/error.txt", "report.html", "roster.csv", "solved-1/code/exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs",
            "solved-1/grade.json", "solved-1/grade.md", "stubs/grade.json", "stubs/grade.md",
        ]);
        Files(parallel).ShouldBe(files);
        foreach (string file in files)
        {
            File.ReadAllBytes(Path.Combine(parallel, file)).ShouldBe(File.ReadAllBytes(Path.Combine(serial, file)), $"{file} differs between --jobs 1 and --jobs 2");
        }

        List<string[]> roster = SampleClass.ReadCsv(Path.Combine(serial, "roster.csv"));
        roster.Select(r => (r[0], r[9])).ShouldBe([("stubs", "0"), ("solved-1", "1"), ("not-there", string.Empty)], "checkpoint 1 is complete only where it was solved");
        roster[2][12].ShouldContain("no such folder");

        // The class workflow's merge step, on the same folders, writes the same roster and report.
        string names = Path.Combine(_scratch, "names.txt");
        File.WriteAllLines(names, ["stubs", "solved-1", "not-there"]);
        byte[] csv = File.ReadAllBytes(Path.Combine(serial, "roster.csv")), html = File.ReadAllBytes(Path.Combine(serial, "report.html"));
        Kata.Instructor.Commands.ReportCommand.Run(serial, names).ShouldBe(0);
        File.ReadAllBytes(Path.Combine(serial, "roster.csv")).ShouldBe(csv);
        File.ReadAllBytes(Path.Combine(serial, "report.html")).ShouldBe(html);
    }

    private void Grade(string[] submissions, string output, params string[] options)
    {
        // In the sandbox where there is one (as an instructor grades); these are the kata's own files.
        string[] sandbox = Sandbox.Detect(out _) is null ? ["--no-sandbox"] : [];
        string log = Path.Combine(_scratch, Path.GetFileName(output) + ".log");
        ProcessResult result = ProcessRunner.Run(
            Path.Combine(KataPaths.Root, "kata"),
            ["grade", .. submissions, "--out", output, "--checkpoint", "1", "--quiet", .. sandbox, .. options],
            KataPaths.Root,
            log,
            new Dictionary<string, string?> { ["KATA_GRADE_KEY"] = "jobs-test" },
            timeout: TimeSpan.FromMinutes(15));
        result.TimedOut.ShouldBeFalse();
        File.Exists(Path.Combine(output, "roster.csv")).ShouldBeTrue($"kata grade wrote no roster (exit code {result.ExitCode}):\n{File.ReadAllText(log)}");
    }

    // The files of a grading output, without the logs (their build and test output has times in it).
    private static string[] Files(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/logs/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];
}
