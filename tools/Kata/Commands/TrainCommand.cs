using System.CommandLine;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata train` — runs the training program (tools/Kata.Train) against the chosen track's code:
/// trains the network on MNIST with a progress bar, prints the test accuracy and a confusion matrix,
/// and writes the loss curve as a PNG. The program is built in Release (your code runs several times
/// faster than in the Debug build of the tests) and in its own project, so this CLI keeps working
/// when your code does not compile.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var track = new Option<string>("--track") { Description = "exercises (your code, the default) or solutions (the reference).", DefaultValueFactory = _ => "exercises" };
        track.AcceptOnlyFromAmong("exercises", "solutions");
        var graded = new Option<bool>("--graded") { Description = "Train with the graded test's settings from curriculum.json instead of the reference run." };

        // Passed on to the training program as given; the defaults are TrainingDefaults' (Kata.Core), which it uses too.
        MnistSettings reference = MnistSettings.Reference([0, 1], 0.5);
        Option<string?>[] passOn =
        [
            new("--epochs") { Description = TrainingDefaults.Epochs },
            new("--batch-size") { Description = TrainingDefaults.BatchSize },
            new("--learning-rate") { Description = TrainingDefaults.LearningRate },
            new("--hidden") { Description = TrainingDefaults.Hidden },
            new("--activation") { Description = $"relu, sigmoid, tanh or leaky-relu (default {reference.Activation}; tanh and leaky-relu are checkpoint 6)." },
            new("--seed") { Description = $"Seed of the initial weights (default {reference.Seed})." },
            new("--images") { Description = "Train on the first N training images; 0 for all (default 0)." },
            new("--output") { Description = "Where to write the loss curve PNG (default artifacts/train/loss.png); the other pictures go beside it." },
            new("--digits") { Description = "The digits to classify: 0-9 for all ten (checkpoint 9: validation set, early stopping, the network saved to a file), or a range or list such as 0-4 or 3,5,8." },
            new("--model") { Description = "mlp (the default), cnn (checkpoint 10: your convolutional network, on all ten digits), attention (checkpoint 11: your attention model learns to reverse sequences of digits) or gpt (checkpoint 14: your tiny GPT learns checkpoints.md and writes; with --graded, the graded additions)." },
            new("--filters") { Description = $"With --model cnn: the number of {TrainingDefaults.ConvKernelSize}x{TrainingDefaults.ConvKernelSize} filters (default {TrainingDefaults.ConvFilters})." },
            new("--patience") { Description = "Early stopping: epochs without a better validation accuracy before training stops (all ten digits: 5; 0 for none)." },
            new("--validation") { Description = "Keep the last N training images apart for validation (all ten digits: 10,000)." },
            new("--optimizer") { Description = $"sgd (the default), momentum or adam (checkpoint 7; --model attention: {TrainingDefaults.AttentionOptimizer})." },
            new("--dropout") { Description = "Drop this fraction of the hidden activations in training, e.g. 0.2 (checkpoint 8; shuffles too)." },
            new("--text") { Description = $"With --model gpt: the UTF-8 text to learn (default {TrainingDefaults.GptText})." },
            new("--steps") { Description = $"With --model gpt: training steps on the text (default {TrainingDefaults.GptSteps:N0})." },
            new("--context") { Description = $"With --model gpt: the characters the model reads at once (default {TrainingDefaults.GptContext})." },
            new("--width") { Description = $"With --model gpt: d, the width of every row (default {TrainingDefaults.GptWidth})." },
            new("--heads") { Description = $"With --model gpt: attention heads per block (default {TrainingDefaults.GptHeads})." },
            new("--layers") { Description = $"With --model gpt: transformer blocks (default {TrainingDefaults.GptLayers})." },
            new("--temperature") { Description = $"With --model gpt: the temperature of the samples it writes (default {TrainingDefaults.GptTemperature}; 0 is greedy)." },
            new("--kernel") { Description = TrainingDefaults.Kernel },
        ];
        var shuffle = new Option<bool>("--shuffle") { Description = "Visit the training images in a new order every epoch (checkpoint 8)." };

        string runs = string.Join(Environment.NewLine, TrainingDefaults.Runs(CurriculumDigits()).Select(r => "  " + r));
        var command = new Command(
            "train",
            "Train your network on MNIST: progress bar, test accuracy, confusion matrix, and PNGs of the loss curve, the test images it got wrong and its first layer. "
            + $"Before it trains, it prints its settings and how long it will take (timed on a throwaway copy of your network).{Environment.NewLine}{Environment.NewLine}"
            + $"The defaults of each run (any flag below overrides them):{Environment.NewLine}{runs}")
        {
            track,
            graded,
            shuffle,
        };
        foreach (Option<string?> option in passOn)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var arguments = new List<string>();
            if (parse.GetValue(graded))
            {
                arguments.Add("--graded");
            }

            if (parse.GetValue(shuffle))
            {
                arguments.Add("--shuffle");
            }

            foreach (Option<string?> option in passOn)
            {
                if (parse.GetValue(option) is { } value)
                {
                    arguments.Add(option.Name);
                    arguments.Add(option.Name is "--output" or "--text" ? Path.GetFullPath(value) : value);
                }
            }

            return Run(parse.GetValue(track)!, arguments);
        });
        return command;
    }

    // The digits of the default run are curriculum.json's; the help still works without it.
    private static IReadOnlyList<int> CurriculumDigits()
    {
        try
        {
            return Curriculum.Load().Mnist.Digits;
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return [0, 1, 2, 3, 4];
        }
    }

    private static readonly TrackProgram Program = new("tools/Kata.Train", "kata-train.dll", "the training program", "train");

    private static int Run(string track, IEnumerable<string> arguments) =>
        Program.Run(track, arguments, "fix the compiler errors above, or watch the reference with --track solutions.");
}
