using Kata.Cli.Commands;
using Kata.Cli.Learner;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// `./kata next` on the last checkpoint while an earlier one fails again: the line after the verdict names
/// the checkpoint that really fails, and never says that the one whose tests all passed does not pass.
/// </summary>
public sealed class NextCommandTests
{
    private string _root = string.Empty;
    private int _last;
    private int _before;

    [SetUp]
    public void CreateKata()
    {
        _root = Directory.CreateTempSubdirectory("kata-next-").FullName;
        File.Copy(Path.Combine(KataPaths.Root, Curriculum.FileName), Path.Combine(_root, Curriculum.FileName));
        Curriculum curriculum = Curriculum.Load(_root);
        (_before, _last) = (curriculum.Checkpoints[^2].Id, curriculum.Checkpoints[^1].Id);
        new Progress(_root).Unlock(_last);
        new LastResults(_root).Record([(_before, 42, 54), (_last, 84, 84)], DateTimeOffset.Now);
    }

    [TearDown]
    public void DeleteKata() => Directory.Delete(_root, recursive: true);

    [Test]
    public void When_the_last_checkpoint_passes_and_an_earlier_one_fails_again_next_names_the_earlier_one()
    {
        string line = NextCommand.NotYet(_last, VerdictKind.AllPass, KataState.Load(_root));

        line.ShouldStartWith($"Checkpoint {_last} passes, but the kata is not finished: Checkpoint {_before} passed before but 42 of its 54 tests pass now");
        line.ShouldNotContain("does not pass");
    }

    [Test]
    public void When_the_last_checkpoint_fails_next_says_so()
    {
        string line = NextCommand.NotYet(_last, VerdictKind.SomeFail, KataState.Load(_root));

        line.ShouldStartWith($"Checkpoint {_last} does not pass yet, so the kata is not finished.");
    }
}
