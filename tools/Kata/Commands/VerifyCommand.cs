using System.CommandLine;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata verify` — the maintainer's check that the kata is sound: on the solutions track every test
/// passes; on the exercises track every graded test fails (a test that passes on a stub cannot fail
/// and proves nothing); the kata's rules pass on both; the training program builds against both
/// tracks and the tooling tests pass. Ends with the line "N passed, N failed".
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Echo the full dotnet test output while it runs." };
        var command = new Command("verify", "Maintainers: check that every test passes on the solutions and every graded test fails on the stubs.")
        {
            verbose,
        };
        command.SetAction(parse => Run(parse.GetValue(verbose)));
        return command;
    }

    private static int Run(bool verbose)
    {
        string root = DotnetTest.Root;
        if (!Directory.Exists(Path.Combine(root, "solutions")))
        {
            Console.Error.WriteLine("kata verify needs the solutions/ folder, which a learner's copy does not have.");
            return 2;
        }

        string outDir = Path.Combine(root, "artifacts", "verify");
        var gradeMode = new Dictionary<string, string?> { ["KATA_GRADE"] = "1" };
        TextWriter? echo = verbose ? Console.Out : null;
        var problems = new List<string>();

        Console.WriteLine("1/3  Solutions track: every test must pass (grade mode: all checkpoints and hold-outs) …");
        TestRunReport solutions = DotnetTest.Run(root, "solutions", Path.Combine(outDir, "solutions.log"), gradeMode, echo: echo);
        CheckRan(solutions, "solutions", problems);
        foreach (TestRecord test in solutions.Tests.Where(t => !t.Passed))
        {
            problems.Add($"solutions: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
        }

        Console.WriteLine("2/3  Exercises track: every graded test must fail on the stubs, the rules must pass …");
        TestRunReport exercises = DotnetTest.Run(root, "exercises", Path.Combine(outDir, "exercises.log"), gradeMode, echo: echo);
        CheckRan(exercises, "exercises", problems);
        foreach (TestRecord test in exercises.Tests)
        {
            if (test.IsRule && !test.Passed)
            {
                problems.Add($"exercises: rule {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
            }
            else if (!test.IsRule && test.Checkpoint is null)
            {
                problems.Add($"exercises: {test.FullyQualifiedName} has no Checkpoint property");
            }
            else if (!test.IsRule && test.Outcome != "Failed")
            {
                problems.Add($"exercises: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()} on the stubs — a test that cannot fail");
            }
        }

        // The tooling lives outside the solution (the learner's loop never builds it), so it is checked
        // here: the training program must build against both tracks' API, and the tooling tests pass.
        Console.WriteLine("3/3  Tooling: the training program builds on both tracks, the tooling tests pass …");
        foreach (string track in (string[])["exercises", "solutions"])
        {
            string log = Path.Combine(outDir, $"train-{track}.log");
            if (DotnetTest.Build(root, Path.Combine(root, "tools", "Kata.Train", "Kata.Train.csproj"), track, log) != 0)
            {
                problems.Add($"tools: the training program does not build against {track}/; see {Path.GetRelativePath(root, log)}");
            }
        }

        TestRunReport tools = DotnetTest.Run(
            root, "solutions", Path.Combine(outDir, "tools.log"), echo: echo, target: Path.Combine(root, "tests", "Kata.Tools.Tests", "Kata.Tools.Tests.csproj"));
        CheckRan(tools, "tools", problems);
        foreach (TestRecord test in tools.Tests.Where(t => !t.Passed))
        {
            problems.Add($"tools: {test.FullyQualifiedName} {test.Outcome.ToLowerInvariant()}: {FirstLine(test.Message)}");
        }

        var missingOnStubs = solutions.Tests.Select(t => t.FullyQualifiedName).Except(exercises.Tests.Select(t => t.FullyQualifiedName)).ToList();
        problems.AddRange(missingOnStubs.Select(name => $"exercises: {name} ran on the solutions but not on the stubs"));

        Console.WriteLine();
        PrintTable(solutions, exercises);
        Console.WriteLine($"{"tools",-12}{$"{tools.Tests.Count(t => t.Passed)}/{tools.Tests.Count}",16}");
        Console.WriteLine();
        if (problems.Count > 0)
        {
            Console.WriteLine($"PROBLEMS ({problems.Count}):");
            foreach (string problem in problems)
            {
                Console.WriteLine("  " + problem);
            }

            Console.WriteLine($"Full output: {Path.GetRelativePath(root, solutions.LogPath)}, {Path.GetRelativePath(root, exercises.LogPath)}, {Path.GetRelativePath(root, tools.LogPath)}");
        }
        else
        {
            Console.WriteLine("The kata is sound: every test passes on the solutions, every graded test fails on the stubs, and the tooling builds and passes its tests.");
        }

        // The last line, for CI: the counts of the solutions run and the tooling tests.
        int passed = solutions.Tests.Count(t => t.Passed) + tools.Tests.Count(t => t.Passed);
        int failed = solutions.Tests.Count(t => !t.Passed) + (solutions.Aborted ? 1 : 0) + tools.Tests.Count(t => !t.Passed) + (tools.Aborted ? 1 : 0);
        Console.WriteLine($"{passed} passed, {failed} failed");
        return problems.Count == 0 ? 0 : 1;
    }

    private static void CheckRan(TestRunReport run, string track, List<string> problems)
    {
        if (run.Aborted || run.Tests.Count == 0)
        {
            problems.Add($"{track}: the test run did not complete (build error or crash); see {run.LogPath}");
        }
    }

    private static void PrintTable(TestRunReport solutions, TestRunReport exercises)
    {
        var groups = solutions.Tests.Concat(exercises.Tests)
            .Select(t => t.IsRule ? "rules" : t.Checkpoint?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")
            .Distinct()
            .Order(StringComparer.Ordinal);
        Console.WriteLine($"{"checkpoint",-12}{"solutions pass",16}{"stubs fail",12}");
        foreach (string group in groups)
        {
            bool InGroup(TestRecord t) => (t.IsRule ? "rules" : t.Checkpoint?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?") == group;
            var s = solutions.Tests.Where(InGroup).ToList();
            var e = exercises.Tests.Where(InGroup).ToList();
            string stubColumn = group == "rules" ? $"{e.Count(t => t.Passed)}/{e.Count} pass" : $"{e.Count(t => t.Outcome == "Failed")}/{e.Count}";
            Console.WriteLine($"{group,-12}{$"{s.Count(t => t.Passed)}/{s.Count}",16}{stubColumn,12}");
        }
    }

    private static string FirstLine(string? message) => (message ?? string.Empty).Split('\n')[0].Trim();
}
