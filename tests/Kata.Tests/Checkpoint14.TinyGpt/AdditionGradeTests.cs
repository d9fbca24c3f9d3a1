using System.Diagnostics;
using System.Globalization;
using Kata.Core;

namespace Kata.Tests.Checkpoint14;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// The summit of checkpoint 14: your tiny GPT, trained by your Train through your autograd with your Adam on
/// additions such as "37+48=085", completes prompts of additions it has never seen. The sizes, the training
/// settings and the threshold come from the "addition" object of curriculum.json. The prompts are drawn at
/// grade time from the held-out problems; the test hands your model the prompts only, and when the grader
/// runs it, it does not even compute the sums: it reports the prompts and your completions, and the grader
/// compares them with the sums outside its sandbox.
/// </summary>
[Checkpoint(14)]
[Grades("GptModel.Forward", "GptModel.TrainStep", "GptModel.Train", "GptModel.Generate")]
[TimeLimit(900)] // a guard against a loop that never ends, not a speed requirement
public sealed class AdditionGradeTests
{
    [Test]
    [GradedRun(AdditionRunReport.RunName)]
    public void Your_tiny_GPT_completes_held_out_additions_better_than_the_threshold()
    {
        AdditionSettings settings = KataEnvironment.Curriculum.Addition
            ?? throw new InvalidOperationException("curriculum.json has no \"addition\" settings for checkpoint 14's graded run.");
        var task = new AdditionTask(settings.Digits);
        (IReadOnlyList<(int A, int B)> train, IReadOnlyList<(int A, int B)> heldOut) = task.Split(settings.TrainingProblems, settings.Seed);
        (int[][] inputs, int[][] targets) = task.Examples(train);
        var model = new TinyGpt(new GptSettings(task.Tokenizer.Size, task.SequenceLength, settings.Width, settings.Heads, settings.Layers), settings.Seed);
        var clock = Stopwatch.StartNew();

        // 1. Train.
        List<double> losses = model.Train(inputs, targets, new Adam(settings.LearningRate), settings.Epochs, settings.BatchSize);
        double seconds = clock.Elapsed.TotalSeconds;
        ShouldNotHaveDiverged(losses);

        // 2. Complete prompts of held-out problems, drawn at grade time: greedy, as many characters as an answer has.
        Random draw = GradeTime.Random("addition prompts");
        (int A, int B)[] problems = [.. heldOut.OrderBy(_ => draw.Next()).Take(settings.Prompts)];
        string[] prompts = [.. problems.Select(p => task.Prompt(p.A, p.B))];
        string[] completions = [.. prompts.Select(p => task.Tokenizer.Decode(model.Generate(task.Tokenizer.Encode(p), task.AnswerLength, temperature: 0, draw)))];
        if (MnistData.IsSealed)
        {
            // In the grader's sandbox: the grader has no need of the sums in here; it computes them outside.
            KataRecords.Send(new AdditionRunReport(AdditionRunReport.RunName, losses, prompts, completions));
            return;
        }

        // 3. Compare with the sums.
        bool[] right = [.. problems.Select((p, i) => completions[i] == task.Answer(p.A, p.B))];
        double accuracy = right.Count(r => r) / (double)right.Length;
        string examples = string.Join(", ", prompts.Take(4).Select((p, i) => $"{p}{completions[i]} {(right[i] ? "✓" : "✗")}"));
        string result = string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.Digits}-digit addition: your tiny GPT completed {accuracy:P1} of {prompts.Length} held-out prompts exactly (needs more than {settings.Threshold:P0}; {examples}) "
            + $"after {seconds:F1} s of training ({settings.Describe()}; loss {losses[0]:F3} → {losses[^1]:F4}).");
        TestContext.Out.WriteLine(result);
        TestContext.Progress.WriteLine(KataRunAttribute.MessagePrefix + result);
        KataMetrics.Report(KataMetrics.AdditionAccuracy, accuracy);
        accuracy.ShouldBeGreaterThan(
            settings.Threshold,
            $"{result} If the other checkpoint-14 tests pass, look at the loss: if it stays near ln 10 ≈ 2.3, the model learns nothing (a gradient that never reaches the parameters, a missing optimizer step).");
    }

    private static void ShouldNotHaveDiverged(List<double> losses)
    {
        losses.ShouldNotBeNull("Train should return the loss of every batch");
        int diverged = losses.FindIndex(loss => !double.IsFinite(loss));
        if (diverged >= 0)
        {
            Assert.Fail($"The training loss became {losses[diverged]} at batch {diverged + 1} of {losses.Count}: the gradient checks of checkpoint 14's other tests say which layer to look at.");
        }
    }
}
