using System.Text.RegularExpressions;

namespace Kata.Maintainer.Verify;

/// <summary>
/// Exports the learner release and checks it: no solution code and no hold-out test in any file, it
/// builds, and every graded test fails on its stubs while the rules hold.
/// </summary>
public static partial class ReleaseCheck
{
    public static void Run(string root, string scratch, List<string> problems, TextWriter progress)
    {
        string target = Path.Combine(scratch, "release");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        ReleaseExport.Export(root, target, initGit: true);
        string[] files = [.. Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.git/", StringComparison.Ordinal))];

        // Lines found only in solutions/ (nowhere else in the repository, long enough to be
        // distinctive): if one shows up in the release, solution code leaked. And hold-out test names.
        IReadOnlyList<string> tracked = ReleaseExport.TrackedFiles(root);
        FileRoles roles = FileRoles.Load(root);
        var otherLines = tracked.Where(f => !roles.IsSolutions(f))
            .SelectMany(f => File.ReadLines(Path.Combine(root, f))).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        string[] solutionLines =
        [
            .. tracked.Where(roles.IsSolutions)
                .SelectMany(f => File.ReadLines(Path.Combine(root, f))).Select(l => l.Trim())
                .Where(l => l.Length >= 30 && !otherLines.Contains(l)).Distinct(),
        ];
        string[] holdOutNames =
        [
            .. tracked.Where(f => roles.IsInstructorOnly(f) && !roles.IsSolutions(f) && f.StartsWith("tests/Kata.Tests/", StringComparison.Ordinal) && f.EndsWith(".cs", StringComparison.Ordinal))
                .SelectMany(f => TestName().Matches(File.ReadAllText(Path.Combine(root, f))).Select(m => m.Groups["name"].Value)),
        ];

        foreach (string file in files)
        {
            string relative = Path.GetRelativePath(target, file).Replace('\\', '/');
            if (roles.IsInstructorOnly(relative))
            {
                problems.Add($"release: contains the instructor-only file {relative}");
            }

            string text = File.ReadAllText(file);
            var lines = text.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
            if (solutionLines.FirstOrDefault(lines.Contains) is { } leak)
            {
                problems.Add($"release: {relative} contains solution code: {leak}");
            }

            if (holdOutNames.FirstOrDefault(n => text.Contains(n, StringComparison.Ordinal)) is { } name)
            {
                problems.Add($"release: {relative} mentions the hold-out test {name}");
            }

            if (relative.EndsWith(".md", StringComparison.Ordinal) && text.Contains("instructor-only", StringComparison.Ordinal))
            {
                problems.Add($"release: {relative} still has an instructor-only section marker");
            }
        }

        // The release's ./kata is the learner's tool: its help lists the learner's commands and nothing that
        // would refuse there (release, report, verify, docs need the instructor's copy).
        string helpLog = Path.Combine(scratch, "logs", "release-help.log");
        ProcessResult help = ProcessRunner.Run("bash", [Path.Combine(target, "kata"), "--help"], target, helpLog);
        string[] listed = [.. HelpCommand().Matches(File.ReadAllText(helpLog)).Select(m => m.Groups["name"].Value)];
        string[] learner = [.. Cli.Commands.LearnerCommands.All().Where(c => !c.Hidden).Select(c => c.Name)];
        if (help.ExitCode != 0 || !listed.SequenceEqual(learner))
        {
            problems.Add($"release: ./kata --help should list the learner's commands ({string.Join(", ", learner)}) and no other; it listed {string.Join(", ", listed)} (exit code {help.ExitCode}); see {helpLog}");
        }

        TestRunReport run = DotnetTest.Run(target, "exercises", Path.Combine(scratch, "logs", "release.log"), new Dictionary<string, string?> { ["KATA_GRADE"] = "1" });
        if (run.Aborted || run.Tests.Count == 0)
        {
            problems.Add($"release: the tests did not run (build error?); see {run.LogPath}");
        }

        foreach (TestRecord test in run.Tests)
        {
            if (test.IsRule ? test.Outcome == "Failed" : test.Outcome != "Failed")
            {
                problems.Add($"release: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()} on the stubs");
            }
        }

        progress.WriteLine($"     {files.Length} files; {run.Tests.Count(t => !t.IsRule)} graded tests, all failing on the stubs: {run.Tests.Where(t => !t.IsRule).All(t => t.Outcome == "Failed")}");
    }

    [GeneratedRegex(@"^  (?<name>[a-z]+)( <\w+>)?\s{2,}", RegexOptions.Multiline)]
    private static partial Regex HelpCommand();

    [GeneratedRegex(@"public void (?<name>\w+)\(")]
    private static partial Regex TestName();
}
