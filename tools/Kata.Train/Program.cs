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
var epochs = new Option<int?>("--epochs") { Description = TrainingDefaults.Epochs };
var batchSize = new Option<int?>("--batch-size") { Description = TrainingDefaults.BatchSize };
var learningRate = new Option<double?>("--learning-rate") { Description = TrainingDefaults.LearningRate };
var hidden = new Option<string?>("--hidden") { Description = TrainingDefaults.Hidden };
var activation = new Option<string?>("--activation") { Description = $"relu, sigmoid, tanh or leaky-relu (default {reference.Activation}; tanh and leaky-relu are checkpoint 6)." };
var seed = new Option<int?>("--seed") { Description = $"Seed of the initial weights, and with --shuffle or --dropout of the order and the masks (default {reference.Seed})." };
var images = new Option<int?>("--images") { Description = "Train on the first N training images of the digits; 0 for all (default 0)." };
var kernel = new Option<string?>("--kernel") { Description = TrainingDefaults.Kernel };
kernel.AcceptOnlyFromAmong([.. Kernel.Names]);
var output = new Option<string?>("--output") { Description = "Where to write the loss curve PNG (default artifacts/train/loss.png)." };
var optimizer = new Option<string?>("--optimizer") { Description = "sgd (plain gradient descent, the default), momentum or adam (checkpoint 7); without --learning-rate, momentum takes a tenth of the default rate and adam 0.001." };
optimizer.AcceptOnlyFromAmong([.. TrainingPlan.Optimizers]);
var shuffle = new Option<bool>("--shuffle") { Description = "Visit the training images in a new order every epoch, seeded by --seed (checkpoint 8)." };
var dropout = new Option<double?>("--dropout") { Description = "Drop this fraction of the hidden activations in training, e.g. 0.2 (checkpoint 8; shuffles too)." };
var root = new RootCommand(
    $"Trains your network on MNIST digits {string.Join(", ", curriculum.Mnist.Digits)} and draws its loss curve; with --model attention, your attention model on a toy sequence task; "
    + "with --model gpt, your tiny GPT on a text (or with --graded, on the graded additions). "
    + $"Before it trains, it prints its settings and how long it will take (timed on a throwaway copy of the network).{Environment.NewLine}{Environment.NewLine}"
    + $"The defaults of each run (any flag overrides them):{Environment.NewLine}{string.Join(Environment.NewLine, TrainingDefaults.Runs(curriculum.Mnist.Digits).Select(r => "  " + r))}")
{
    graded, epochs, batchSize, learningRate, hidden, activation, seed, images, output, optimizer, shuffle, dropout, kernel,
};
var bonus = new BonusOptions();
bonus.AddTo(root);
var gpt = new GptOptions();
gpt.AddTo(root);

root.SetAction(parse =>
{
    if (bonus.IsGpt(parse))
    {
        // Checkpoint 14: a text, or the graded additions; the flags of the MNIST network do not apply.
        string[] notGpt =
        [
            .. new Option[] { hidden, activation, images, shuffle, dropout, optimizer }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name),
            .. bonus.MnistOnlyGiven(parse),
        ];
        if (notGpt.Length > 0)
        {
            Console.Error.WriteLine($"{string.Join(", ", notGpt)} belong{(notGpt.Length == 1 ? "s" : string.Empty)} to the MNIST network; --model gpt takes --text, --steps, --context, --width, --heads, --layers, --temperature, --batch-size, --learning-rate, --seed and --output (with --graded: --epochs too).");
            return 2;
        }

        if (parse.GetValue(graded))
        {
            if (curriculum.Addition is not { } addition)
            {
                Console.Error.WriteLine("curriculum.json has no \"addition\" settings: there is no graded run of checkpoint 14 to repeat.");
                return 2;
            }

            return GptRun.Run(() => GptRun.TrainOnAddition(gpt.Graded(parse, addition, parse.GetValue(epochs), parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(seed))));
        }

        GptRun.TextSettings corpus = gpt.Text(parse, parse.GetValue(batchSize), parse.GetValue(learningRate), parse.GetValue(seed));
        if (GptOptions.Problems(corpus).ToList() is { Count: > 0 } textProblems)
        {
            Console.Error.WriteLine($"These settings cannot train a model: {string.Join("; ", textProblems)}.");
            return 2;
        }

        string lossPng = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(KataPaths.Root, "artifacts", "train", "gpt", "loss.png"));
        return GptRun.Run(() => GptRun.TrainOnText(corpus, lossPng));
    }

    if (gpt.Given(parse).ToList() is { Count: > 0 } gptOnly)
    {
        Console.Error.WriteLine($"{string.Join(", ", gptOnly)} belong{(gptOnly.Count == 1 ? "s" : string.Empty)} to --model gpt.");
        return 2;
    }

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

        string chosen = parse.GetValue(optimizer) ?? TrainingDefaults.AttentionOptimizer;
        return AttentionRun.Run(
            parse.GetValue(epochs) ?? TrainingDefaults.AttentionEpochs,
            parse.GetValue(batchSize) ?? TrainingDefaults.AttentionBatchSize,
            parse.GetValue(learningRate) ?? TrainingDefaults.AttentionLearningRate(chosen),
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
        LearningRate = parse.GetValue(learningRate) ?? TrainingDefaults.MnistLearningRate(plan.Optimizer, settings.LearningRate),
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
        return bonus.Run(parse, settings, plan, png, parse.GetValue(kernel), curriculum);
    }
    catch (FormatException error)
    {
        Console.Error.WriteLine(error.Message);
        return 2;
    }
});

return root.Parse(args).Invoke();

static string Images(int n) => n == 0 ? "all training images" : $"the first {n:N0} training images";
