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

        // Passed on to the training program as given; the defaults are MnistSettings.Reference.
        MnistSettings reference = MnistSettings.Reference([0, 1], 0.5);
        Option<string?>[] passOn =
        [
            new("--epochs") { Description = $"Passes over the training images (reference run: {reference.Epochs})." },
            new("--batch-size") { Description = $"Samples per gradient step (reference run: {reference.BatchSize})." },
            new("--learning-rate") { Description = $"Gradient-descent step size (reference run: {reference.LearningRate})." },
            new("--hidden") { Description = $"Hidden layer sizes, comma-separated, e.g. 64 or 128,32 (reference run: {string.Join(',', reference.HiddenLayers)})." },
            new("--activation") { Description = $"relu, sigmoid, tanh or leaky-relu (reference run: {reference.Activation}; tanh and leaky-relu are checkpoint 6)." },
            new("--seed") { Description = $"Seed of the initial weights (reference run: {reference.Seed})." },
            new("--images") { Description = "Train on the first N training images; 0 for all (reference run: 0)." },
            new("--output") { Description = "Where to write the loss curve PNG (default artifacts/train/loss.png); the other pictures go beside it." },
            new("--digits") { Description = "The digits to classify: 0-9 for all ten (checkpoint 9: validation set, early stopping, the network saved to a file), or a range or list such as 0-4 or 3,5,8." },
            new("--model") { Description = "mlp (the default), cnn (checkpoint 10: your convolutional network, on all ten digits), attention (checkpoint 11: your attention model learns to reverse sequences of digits) or gpt (checkpoint 14: your tiny GPT learns checkpoints.md and writes; with --graded, the graded additions)." },
            new("--filters") { Description = "With --model cnn: the number of 5x5 filters (reference run: 16)." },
            new("--patience") { Description = "Early stopping: epochs without a better validation accuracy before training stops (all ten digits: 5; 0 for none)." },
            new("--validation") { Description = "Keep the last N training images apart for validation (all ten digits: 10,000)." },
            new("--optimizer") { Description = "sgd (the default), momentum or adam (checkpoint 7)." },
            new("--dropout") { Description = "Drop this fraction of the hidden activations in training, e.g. 0.2 (checkpoint 8; shuffles too)." },
            new("--text") { Description = "With --model gpt: the UTF-8 text to learn (default checkpoints.md)." },
            new("--steps") { Description = "With --model gpt: training steps on the text (default 2,000)." },
            new("--context") { Description = "With --model gpt: the characters the model reads at once (default 32)." },
            new("--width") { Description = "With --model gpt: d, the width of every row (default 32)." },
            new("--heads") { Description = "With --model gpt: attention heads per block (default 4)." },
            new("--layers") { Description = "With --model gpt: transformer blocks (default 2)." },
            new("--temperature") { Description = "With --model gpt: the temperature of the samples it writes (default 0.8; 0 is greedy)." },
            new("--kernel") { Description = "The matrix product the network trains with: clear (checkpoint 1's MatMul, the default) or fast (checkpoint 12's FastLinearAlgebra.MatMul)." },
        ];
        var shuffle = new Option<bool>("--shuffle") { Description = "Visit the training images in a new order every epoch (checkpoint 8)." };

        var command = new Command("train", "Train your network on MNIST: progress bar, test accuracy, confusion matrix, and PNGs of the loss curve, the test images it got wrong and its first layer.")
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

    private static readonly TrackProgram Program = new("tools/Kata.Train", "kata-train.dll", "the training program", "train");

    private static int Run(string track, IEnumerable<string> arguments) =>
        Program.Run(track, arguments, "fix the compiler errors above, or watch the reference with --track solutions.");
}
