using System.CommandLine;
using Kata.Core;
using Kata.Train;

// `./kata train` runs this with the chosen track's learner code. Every flag has a default: the reference
// run (MnistSettings.Reference), or with --graded exactly the settings of the graded test in curriculum.json.
// Without a terminal (CI, a pipe) Spectre would wrap every line at 80 columns.
if (!Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive)
{
    Spectre.Console.AnsiConsole.Profile.Width = 160;
}

Curriculum curriculum;
try
{
    curriculum = Curriculum.Load();
}
catch (InvalidDataException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

MnistSettings reference = MnistSettings.Reference(curriculum.Mnist.Digits, curriculum.Mnist.Threshold);
var graded = new Option<bool>("--graded") { Description = "Use the graded test's settings from curriculum.json (" + curriculum.Mnist.Describe() + $", {Images(curriculum.Mnist.TrainingImages)}); other flags still override them." };
var epochs = new Option<int?>("--epochs") { Description = $"Passes over the training images (default {reference.Epochs})." };
var batchSize = new Option<int?>("--batch-size") { Description = $"Samples per gradient step (default {reference.BatchSize})." };
var learningRate = new Option<double?>("--learning-rate") { Description = $"Gradient-descent step size (default {reference.LearningRate})." };
var hidden = new Option<string?>("--hidden") { Description = $"Hidden layer sizes, comma-separated, e.g. 64 or 128,32; 0 for none (default {string.Join(',', reference.HiddenLayers)})." };
var activation = new Option<string?>("--activation") { Description = $"relu, sigmoid, tanh or leaky-relu (default {reference.Activation}; tanh and leaky-relu are checkpoint 6)." };
var seed = new Option<int?>("--seed") { Description = $"Seed of the initial weights, and with --shuffle or --dropout of the order and the masks (default {reference.Seed})." };
var images = new Option<int?>("--images") { Description = "Train on the first N training images of the digits; 0 for all (default 0)." };
var kernel = new Option<string?>("--kernel") { Description = "How the network trains: clear (the checkpoint's own code on checkpoint 1's MatMul; the default of the dense network) or fast (checkpoint 12: FastTraining.Train and FastTraining.TrainConv once written, else your network on checkpoint 12's MatMul; the default of --model cnn once FastTraining.TrainConv is written)." };
kernel.AcceptOnlyFromAmong([.. Kernel.Names]);
var output = new Option<string?>("--output") { Description = "Where to write the loss curve PNG (default artifacts/train/loss.png)." };
var optimizer = new Option<string?>("--optimizer") { Description = "sgd (plain gradient descent, the default), momentum or adam (checkpoint 7); without --learning-rate, momentum takes a tenth of the default rate and adam 0.001." };
optimizer.AcceptOnlyFromAmong([.. TrainingPlan.Optimizers]);
var shuffle = new Option<bool>("--shuffle") { Description = "Visit the training images in a new order every epoch, seeded by --seed (checkpoint 8)." };
var dropout = new Option<double?>("--dropout") { Description = "Drop this fraction of the hidden activations in training, e.g. 0.2 (checkpoint 8; shuffles too)." };
var root = new RootCommand($"Trains your network on MNIST digits {string.Join(", ", curriculum.Mnist.Digits)} and draws its loss curve; with --model attention, your attention model on a toy sequence task.")
{
    graded, epochs, batchSize, learningRate, hidden, activation, seed, images, output, optimizer, shuffle, dropout, kernel,
};
var bonus = new BonusOptions();
bonus.AddTo(root);

root.SetAction(parse =>
{
    if (bonus.IsAttention(parse))
    {
        // Checkpoint 11: no MNIST; the flags of the MNIST network do not apply.
        string[] mnistOnly =
        [
            .. new Option[] { graded, hidden, activation, images, output, shuffle, dropout }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name),
            .. bonus.MnistOnlyGiven(parse),
        ];
        if (mnistOnly.Length > 0)
        {
            Console.Error.WriteLine($"{string.Join(", ", mnistOnly)} belong{(mnistOnly.Length == 1 ? "s" : string.Empty)} to the MNIST network; --model attention takes --epochs, --batch-size, --learning-rate, --seed and --optimizer.");
            return 2;
        }

        string chosen = parse.GetValue(optimizer) ?? "adam";
        return AttentionRun.Run(
            parse.GetValue(epochs) ?? AttentionRun.DefaultEpochs,
            parse.GetValue(batchSize) ?? AttentionRun.DefaultBatchSize,
            parse.GetValue(learningRate) ?? AttentionRun.DefaultLearningRate(chosen),
            parse.GetValue(seed) ?? 1,
            chosen);
    }

    MnistSettings settings;
    try
    {
        settings = bonus.BaseSettings(parse, curriculum, parse.GetValue(graded), reference);
    }
    catch (FormatException error)
    {
        Console.Error.WriteLine($"--digits takes 0-9, a range such as 0-4 or a list such as 3,5,8, and --model mlp or cnn ({error.Message}).");
        return 2;
    }

    int[]? layers = null;
    if (parse.GetValue(hidden) is { } text)
    {
        try
        {
            layers = [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(n => n != 0)];
        }
        catch (FormatException)
        {
            Console.Error.WriteLine($"--hidden takes sizes separated by commas, such as 64 or 128,32 (got \"{text}\").");
            return 2;
        }
    }

    var plan = new TrainingPlan(parse.GetValue(optimizer) ?? "sgd", parse.GetValue(shuffle), parse.GetValue(dropout) ?? 0);
    settings = settings with
    {
        Epochs = parse.GetValue(epochs) ?? settings.Epochs,
        BatchSize = parse.GetValue(batchSize) ?? settings.BatchSize,
        LearningRate = parse.GetValue(learningRate) ?? TrainingPlan.DefaultLearningRate(plan.Optimizer, settings.LearningRate),
        HiddenLayers = layers ?? settings.HiddenLayers,
        Activation = parse.GetValue(activation) is { } a ? TrainingPlan.ActivationName(a) ?? a : settings.Activation,
        Seed = parse.GetValue(seed) ?? settings.Seed,
        TrainingImages = parse.GetValue(images) ?? (parse.GetValue(graded) ? settings.TrainingImages : 0),
    };

    settings = bonus.Override(parse, settings);
    List<string> problems = [.. settings.Problems(graded: false)];
    if (!(plan.Dropout >= 0 && plan.Dropout < 1))
    {
        problems.Add($"--dropout must be in [0, 1) (got {plan.Dropout})");
    }

    if (problems.Count > 0)
    {
        Console.Error.WriteLine($"These settings cannot train a network: {string.Join("; ", problems)}.");
        return 2;
    }

    string png = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(KataPaths.Root, "artifacts", "train", "loss.png"));
    try
    {
        return bonus.Run(parse, settings, plan, png, parse.GetValue(kernel));
    }
    catch (FormatException error)
    {
        Console.Error.WriteLine(error.Message);
        return 2;
    }
});

return root.Parse(args).Invoke();

static string Images(int n) => n == 0 ? "all training images" : $"the first {n:N0} training images";
