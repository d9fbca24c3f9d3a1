using Kata.Core;

namespace Kata.Tests.Rules;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// file-roles.json says which file is whose; the release, the grader's workspace and the plan cache do
/// what it says. These rules hold it to what the kata promises learners and instructors.
/// </summary>
[KataRules]
public sealed class FileRolesRules
{
    private static readonly FileRoles Roles = FileRoles.Load();

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "artifacts", ".kata", "TestResults", "node_modules" };

    private static IEnumerable<string> KataFiles(string folder = "")
    {
        string full = Path.Combine(KataPaths.Root, folder);
        foreach (string file in Directory.EnumerateFiles(full))
        {
            yield return Path.GetRelativePath(KataPaths.Root, file).Replace('\\', '/');
        }

        foreach (string sub in Directory.EnumerateDirectories(full).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (string file in KataFiles(Path.GetRelativePath(KataPaths.Root, sub)))
            {
                yield return file;
            }
        }
    }

    [Test]
    public void The_solutions_the_hold_outs_and_the_instructors_and_maintainers_tools_never_ship_to_learners()
    {
        string[] shipped =
        [
            .. KataFiles().Where(f => f.StartsWith("solutions/", StringComparison.Ordinal)
                    || f.Contains("/HoldOut/", StringComparison.Ordinal)
                    || f.StartsWith("tools/Kata.Instructor/", StringComparison.Ordinal)
                    || f.StartsWith("tools/Kata.Maintainer/", StringComparison.Ordinal)
                    || f.StartsWith("tests/scenarios/", StringComparison.Ordinal))
                .Where(f => !Roles.IsInstructorOnly(f)),
        ];

        shipped.ShouldBeEmpty($"{FileRoles.FileName} must call these files the instructor's, or the learner release would hold them");
    }

    [Test]
    public void Every_source_file_of_the_exercises_is_the_learners_and_ships_in_the_release()
    {
        string[] exercises = [.. KataFiles("exercises").Where(f => f.EndsWith(".cs", StringComparison.Ordinal))];

        exercises.ShouldNotBeEmpty("the exercises/ folder holds the learner's stubs");
        exercises.Where(f => !Roles.IsLearner(f) || Roles.IsInstructorOnly(f)).ShouldBeEmpty(
            $"{FileRoles.FileName} must call every source file of exercises/ the learner's, and none the instructor's: grading takes these from a submission");
    }

    [Test]
    public void The_tests_and_the_build_configuration_are_build_inputs_whose_change_a_grade_reports()
    {
        string[] inputs = [.. KataFiles("tests/Kata.Tests").Concat(KataFiles("tests/Kata.TestSupport")).Append("Directory.Build.props").Append(FileRoles.FileName)];

        inputs.Where(f => !Roles.IsBuildInput(f) || !Roles.IsGradingFile(f)).ShouldBeEmpty(
            $"{FileRoles.FileName} must call the tests, their support and the build configuration build inputs and grading files: a submission's copy of them is never used");
    }
}
