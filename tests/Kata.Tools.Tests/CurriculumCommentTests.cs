using System.Text.Json;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>What curriculum.json says about the training program matches what the program does.</summary>
public sealed class CurriculumCommentTests
{
    [Test]
    public void The_MNIST_comment_describes_the_training_programs_default_run()
    {
        using JsonDocument curriculum = JsonDocument.Parse(File.ReadAllText(Path.Combine(KataPaths.Root, Curriculum.FileName)));
        string comment = curriculum.RootElement.GetProperty("mnist").GetProperty("$comment").GetString() ?? string.Empty;
        MnistSettings reference = MnistSettings.Reference([0, 1, 2, 3, 4], 0.8);

        comment.ShouldContain("--graded", Case.Sensitive, "the graded settings are what ./kata train --graded uses");
        comment.ShouldContain(reference.Describe(), Case.Sensitive, "the comment should describe ./kata train's default run as MnistSettings.Reference does");
    }
}
