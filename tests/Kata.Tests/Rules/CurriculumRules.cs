using System.Reflection;
using Kata.Core;

namespace Kata.Tests.Rules;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>The tests, curriculum.json and the learner projects describe the same checkpoints.</summary>
[KataRules]
public sealed class CurriculumRules
{
    private static readonly Curriculum Curriculum = Curriculum.Load();

    [Test]
    public void Every_test_fixture_belongs_to_a_checkpoint_of_the_curriculum_or_to_the_rules()
    {
        string[] strays =
        [
            .. from type in typeof(CurriculumRules).Assembly.GetTypes()
               where type.GetMethods().Any(m => m.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or TestCaseSourceAttribute))
               let checkpoint = type.GetCustomAttribute<CheckpointAttribute>()
               let isRule = type.GetCustomAttribute<KataRulesAttribute>() is not null
               where isRule ? checkpoint is not null : checkpoint is null || Curriculum.Find(checkpoint.Number) is null
               select type.FullName,
        ];

        strays.ShouldBeEmpty("each fixture needs [Checkpoint(N)] with an N from curriculum.json (or [KataRules] alone)");
    }

    [Test]
    public void Every_checkpoint_test_names_the_learner_method_it_grades()
    {
        // Grading gives a method its points only when every test that grades it passes; a test that
        // grades nothing would earn nothing and stop nothing.
        // An abstract fixture never runs by itself: each fixture derived from it names what it grades.
        string[] unnamed =
        [
            .. from type in typeof(CurriculumRules).Assembly.GetTypes()
               where type.GetCustomAttribute<CheckpointAttribute>() is not null && !type.IsAbstract
               from method in type.GetMethods()
               where method.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or TestCaseSourceAttribute)
               where method.GetCustomAttribute<GradesAttribute>() is null && type.GetCustomAttribute<GradesAttribute>() is null
               select $"{type.Name}.{method.Name}",
        ];

        unnamed.ShouldBeEmpty("put [Grades(\"Type.Method\")] on the test or its fixture");
    }

    [Test]
    public void Every_checkpoint_with_tests_has_its_project_folder_in_each_track()
    {
        // kata watch, status and reset find a checkpoint's files through its "project" in curriculum.json.
        // A checkpoint without tests yet (one still being written) may have no folder yet.
        int[] tested = [.. typeof(CurriculumRules).Assembly.GetTypes().Select(t => t.GetCustomAttribute<CheckpointAttribute>()?.Number).OfType<int>().Distinct()];
        string[] missing =
        [
            .. from checkpoint in Curriculum.Checkpoints
               where tested.Contains(checkpoint.Id)
               from track in new[] { "exercises", "solutions" }
               where Directory.Exists(Path.Combine(KataPaths.Root, track))
                     && !Directory.Exists(Path.Combine(KataPaths.Root, track, checkpoint.Project))
               select $"{track}/{checkpoint.Project}/ ({checkpoint.Name})",
        ];

        missing.ShouldBeEmpty("curriculum.json names these folders for checkpoints that have tests: create them, or correct the checkpoint's \"project\"");
    }
}
