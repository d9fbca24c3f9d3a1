using System.Reflection;
using Kata.Core;

namespace NeuralNet.Tests.Rules;

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
}
