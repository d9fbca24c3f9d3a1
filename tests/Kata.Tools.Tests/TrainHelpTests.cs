using System.CommandLine;
using Kata.Cli.Commands;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>`./kata train --help`: each run's own defaults, said before a learner starts a 30-minute run.</summary>
public sealed class TrainHelpTests
{
    [Test]
    public void The_help_lists_the_defaults_of_the_dense_the_ten_digit_the_convolutional_the_attention_and_the_gpt_run()
    {
        Command train = TrainCommand.Create();
        MnistSettings ten = MnistSettings.TenDigitsReference(0.9), conv = MnistSettings.ConvReference(0.9);

        string[] lines = train.Description!.Split('\n');

        lines.ShouldContain(l => l.Contains("./kata train  ", StringComparison.Ordinal) && l.Contains("784-32-5 ReLU on digits 0–4, 2 epochs, batches of 16", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("--digits 0-9", StringComparison.Ordinal) && l.Contains($"{string.Join('-', ten.LayerSizes)} ReLU, at most {ten.Epochs} epochs, batches of {ten.BatchSize}", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("--model cnn", StringComparison.Ordinal) && l.Contains($"2304-128-10 ReLU on all ten digits, {conv.Epochs} epochs, batches of {conv.BatchSize}", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("--model attention", StringComparison.Ordinal) && l.Contains("2 epochs, batches of 16, adam with learning rate 0.02", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("--model gpt", StringComparison.Ordinal) && l.Contains("a tiny GPT on checkpoints.md: context 32, d = 32, 4 heads, 2 layers, 2,000 steps of batches of 16", StringComparison.Ordinal));
    }

    [TestCase("--epochs", "default 2; --digits 0-9: at most 30; --model cnn: 6; --model attention: 2")]
    [TestCase("--batch-size", "default 16; --digits 0-9: 32; --model cnn: 32; --model attention: 16; --model gpt: 16")]
    [TestCase("--steps", "default 2,000")]
    [TestCase("--hidden", "default 32; --digits 0-9: 256,128; --model cnn: 128")]
    public void A_flag_whose_default_depends_on_the_run_names_each_runs_default(string flag, string defaults)
    {
        Option option = TrainCommand.Create().Options.Single(o => o.Name == flag);

        option.Description.ShouldNotBeNull().ShouldContain(defaults);
    }
}
