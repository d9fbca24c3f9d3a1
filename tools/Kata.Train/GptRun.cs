using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Kata.Core;
using NeuralNet;
using ScottPlot;
using Spectre.Console;

namespace Kata.Train;

/// <summary>
/// <c>./kata train --model gpt</c> (checkpoint 14): the learner's tiny GPT, trained with their Adam through their
/// autograd. By default on a text the kata ships (checkpoints.md): samples before, during and after training,
/// the validation loss and the time per step, the loss curve and where each head looks as PNGs. With
/// <c>--graded</c>, the graded addition task of curriculum.json, in Release, with examples before and after.
/// </summary>
internal static class GptRun
{
    private const int SampleLength = 240;
    private const int Reports = 4;
    private const int ValidationBatches = 8;

    /// <summary>The text run's sizes and training, each overridable by a flag.</summary>
    public sealed record TextSettings(string TextPath, int Context, int Width, int Heads, int Layers, int Steps, int BatchSize, double LearningRate, double Temperature, int Seed);

    /// <summary>Turns a stub or a diverged loss into one sentence, as the other runs do.</summary>
    public static int Run(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (NotImplementedException stub)
        {
            string checkpoint = Regex.Match(stub.Message, @"^Checkpoint (\d+):") is { Success: true } m ? m.Groups[1].Value : "14";
            AnsiConsole.WriteLine($"Not implemented yet. {stub.Message} Finish checkpoint {checkpoint} first (dotnet test --filter Checkpoint={checkpoint}), or watch the reference: ./kata train --model gpt --track solutions");
            return 1;
        }
        catch (TrainingDivergedException diverged)
        {
            AnsiConsole.WriteLine($"The training loss became {diverged.Progress.Loss} at step {diverged.Progress.Batch}: try a smaller --learning-rate, and check your layers with dotnet test --filter Checkpoint=14.");
            return 1;
        }
    }

    /// <summary>The text run: a character model of <see cref="TextSettings.TextPath"/>.</summary>
    public static int TrainOnText(TextSettings settings, string pngPath)
    {
        string text = File.ReadAllText(settings.TextPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        var tokenizer = Tokenizer.Of(text);
        int[] tokens = tokenizer.Encode(text);
        int split = tokens.Length * 9 / 10;
        int[] train = tokens[..split], validation = tokens[split..];
        var model = new TinyGpt(new GptSettings(tokenizer.Size, settings.Context, settings.Width, settings.Heads, settings.Layers), settings.Seed);
        var random = new Random(settings.Seed);
        var adam = new Adam(settings.LearningRate);

        AnsiConsole.WriteLine($"Text: {TrainingRun.Shown(settings.TextPath)}, {tokens.Length:N0} characters, {tokenizer.Size} different ones; the first 90 % to train on, the last 10 % to validate.");
        AnsiConsole.WriteLine($"Model: {model.Settings} ({model.ParameterCount:N0} parameters); Adam {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {settings.BatchSize} windows of {settings.Context + 1} characters, {settings.Steps:N0} steps.");
        int[][] checkInputs = [.. Enumerable.Range(0, ValidationBatches * settings.BatchSize).Select(i => Window(validation, i * (validation.Length - settings.Context - 1) / (ValidationBatches * settings.BatchSize), settings.Context))];
        double Validate() => Enumerable.Range(0, ValidationBatches)
            .Average(b => model.NextTokenLoss([.. checkInputs[(b * settings.BatchSize)..((b + 1) * settings.BatchSize)].Select(w => w[..^1])], [.. checkInputs[(b * settings.BatchSize)..((b + 1) * settings.BatchSize)].Select(w => w[1..])]).Data[0, 0]);

        // How long it will take, timed on a throwaway copy (its own weights, optimizer and windows).
        var copy = new TinyGpt(model.Settings, settings.Seed);
        WarmUp? warmUp = WarmUp.Measure(report => Steps(copy, train, new Adam(settings.LearningRate), settings, new Random(settings.Seed), 0, WarmUp.MaxBatches, report));
        AnsiConsole.WriteLine(WarmUp.Describe(warmUp, settings.Steps, besides: $"the validation loss and a sample after every {(settings.Steps + Reports - 1) / Reports:N0} steps come on top"));

        Sample(model, tokenizer, validation, settings, "Before training");
        var losses = new List<double>();
        var validationLosses = new List<(int Step, double Loss)> { (0, Validate()) };
        var clock = new Stopwatch();
        int chunk = (settings.Steps + Reports - 1) / Reports;
        for (int done = 0; done < settings.Steps; done += chunk)
        {
            int steps = Math.Min(chunk, settings.Steps - done);
            clock.Start();
            losses.AddRange(TrainingRun.TrainWithProgress(report => Steps(model, train, adam, settings, random, done, steps, report), steps));
            clock.Stop();
            validationLosses.Add((done + steps, Validate()));
            AnsiConsole.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"After {done + steps:N0} steps ({clock.Elapsed.TotalSeconds:F0} s, {1000 * clock.Elapsed.TotalSeconds / (done + steps):F1} ms a step): training loss {losses.TakeLast(50).Average():F3}, validation loss {validationLosses[^1].Loss:F3}."));
            Sample(model, tokenizer, validation, settings, done + steps < settings.Steps ? "Meanwhile" : "After training");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        PlotLoss(losses, validationLosses, model.Settings, pngPath);
        AnsiConsole.WriteLine($"Loss curve: {TrainingRun.Shown(pngPath)}");
        string heads = Pictures.Beside(pngPath, "heads");
        int[] snippet = Window(validation, 0, settings.Context)[..settings.Context];
        Pictures.Heads(heads, WhereEachHeadLooks(model, snippet), tokenizer.Decode(snippet));
        AnsiConsole.WriteLine($"Where each head looks: {TrainingRun.Shown(heads)}");
        AnsiConsole.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Validation loss {validationLosses[0].Loss:F3} → {validationLosses[^1].Loss:F3} (ln {tokenizer.Size} = {Math.Log(tokenizer.Size):F2} for a model that knows nothing) after {clock.Elapsed.TotalSeconds:F1} s of training, {1000 * clock.Elapsed.TotalSeconds / settings.Steps:F1} ms a step."));
        return 0;
    }

    /// <summary>The graded addition task of curriculum.json, with the graded settings (other flags override them).</summary>
    public static int TrainOnAddition(AdditionSettings settings)
    {
        var task = new AdditionTask(settings.Digits);
        (IReadOnlyList<(int A, int B)> train, IReadOnlyList<(int A, int B)> heldOut) = task.Split(settings.TrainingProblems, settings.Seed);
        (int[][] inputs, int[][] targets) = task.Examples(train);
        var model = new TinyGpt(new GptSettings(task.Tokenizer.Size, task.SequenceLength, settings.Width, settings.Heads, settings.Layers), settings.Seed);
        var draw = new Random(settings.Seed);
        (int A, int B)[] problems = [.. heldOut.OrderBy(_ => draw.Next()).Take(settings.Prompts)];

        AnsiConsole.WriteLine($"The graded task: {settings.Describe()}; {heldOut.Count:N0} problems held out, {problems.Length} of them completed for the grade.");
        AnsiConsole.WriteLine($"Model: {model.Settings} ({model.ParameterCount:N0} parameters).");
        AnsiConsole.WriteLine($"Before training ({ExactlyRight(model, task, problems):P1} of the held-out prompts exactly right):");
        ShowAdditions(model, task, problems);

        var copy = new TinyGpt(model.Settings, settings.Seed);
        int warmUpCount = Math.Min(inputs.Length, WarmUp.MaxBatches * settings.BatchSize);
        WarmUp? warmUp = WarmUp.Measure(report => copy.Train(inputs[..warmUpCount], targets[..warmUpCount], new Adam(settings.LearningRate), 1, settings.BatchSize, report));
        AnsiConsole.WriteLine(WarmUp.Describe(warmUp, settings.Steps));

        var clock = Stopwatch.StartNew();
        List<double> losses = TrainingRun.TrainWithProgress(
            report => model.Train(inputs, targets, new Adam(settings.LearningRate), settings.Epochs, settings.BatchSize, report),
            settings.Steps);
        double seconds = clock.Elapsed.TotalSeconds;

        AnsiConsole.WriteLine("After training:");
        ShowAdditions(model, task, problems);
        AnsiConsole.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{ExactlyRight(model, task, problems):P1} of the {problems.Length} held-out prompts completed exactly, after {seconds:F1} s of training ({1000 * seconds / settings.Steps:F1} ms a step; loss {losses[0]:F3} → {losses.TakeLast(20).Average():F4}); the graded test needs more than {settings.Threshold:P0}."));
        return 0;
    }

    // `steps` TrainSteps on batches of random windows of the training text, reported as batches first + 1 … of one epoch.
    private static List<double> Steps(TinyGpt model, int[] train, Optimizer adam, TextSettings settings, Random random, int first, int steps, Action<TrainingProgress> report)
    {
        var losses = new List<double>(steps);
        for (int step = 1; step <= steps; step++)
        {
            int[][] windows = [.. Enumerable.Range(0, settings.BatchSize).Select(_ => Window(train, random.Next(train.Length - settings.Context - 1), settings.Context))];
            double loss = model.TrainStep([.. windows.Select(w => w[..^1])], [.. windows.Select(w => w[1..])], adam);
            losses.Add(loss);
            report(new TrainingProgress(1, 1, first + step, settings.Steps, settings.BatchSize, loss));
        }

        return losses;
    }

    // Context + 1 tokens from `start`: the inputs are all but the last, the targets all but the first.
    private static int[] Window(int[] tokens, int start, int context) => tokens[start..(start + context + 1)];

    private static void Sample(TinyGpt model, Tokenizer tokenizer, int[] validation, TextSettings settings, string when)
    {
        // The prompt: the start of a line of the validation text, as the model would continue it.
        int start = tokenizer.Alphabet.Contains('\n', StringComparison.Ordinal) ? Array.IndexOf(validation, tokenizer.Encode("\n")[0], validation.Length / 3) + 1 : 0;
        int[] prompt = validation[start..(start + Math.Min(16, settings.Context))];
        int[] written = model.Generate(prompt, SampleLength, settings.Temperature, new Random(settings.Seed));
        AnsiConsole.WriteLine($"{when}, at temperature {settings.Temperature.ToString(CultureInfo.InvariantCulture)}, after \"{tokenizer.Decode(prompt).Replace("\n", "⏎", StringComparison.Ordinal)}\":");
        AnsiConsole.Write(new Panel(new Text(tokenizer.Decode(prompt) + tokenizer.Decode(written))).BorderColor(Spectre.Console.Color.Grey));
    }

    // The attention weights of every head of every block for one sequence, as the learner's code computes them:
    // the embeddings and blocks of Forward, and at each block the weights of checkpoint 11's Scores and Softmax.
    private static List<(string Caption, Matrix Weights)> WhereEachHeadLooks(TinyGpt model, int[] tokens)
    {
        var heads = new List<(string, Matrix)>();
        Tensor x = model.TokenEmbedding.Rows(tokens).Add(model.PositionEmbedding.Rows([.. Enumerable.Range(0, tokens.Length)]));
        for (int l = 0; l < model.Blocks.Count; l++)
        {
            GptBlock block = model.Blocks[l];
            Tensor normed = x.LayerNorm(block.AttentionNormGain, block.AttentionNormBias);
            Matrix q = LinearAlgebra.MatMul(normed.Data, block.QueryWeights.Data), k = LinearAlgebra.MatMul(normed.Data, block.KeyWeights.Data);
            int width = block.Width / block.Heads;
            for (int h = 0; h < block.Heads; h++)
            {
                heads.Add(($"layer {l}, head {h}", Attention.Softmax(Attention.Scores(Columns(q, h * width, width), Columns(k, h * width, width)), causal: true)));
            }

            x = x.Add(normed.CausalSelfAttention(block, tokens.Length));
            x = x.Add(x.LayerNorm(block.MlpNormGain, block.MlpNormBias).MatMul(block.MlpHiddenWeights).AddRowVector(block.MlpHiddenBias)
                .Activate(Activation.ReLU).MatMul(block.MlpOutputWeights).AddRowVector(block.MlpOutputBias));
        }

        return heads;
    }

    private static Matrix Columns(Matrix m, int first, int count)
    {
        var slice = new Matrix(m.Rows, count);
        for (int i = 0; i < m.Rows; i++)
        {
            m.Row(i).Slice(first, count).CopyTo(slice.Row(i));
        }

        return slice;
    }

    private static string Complete(TinyGpt model, AdditionTask task, (int A, int B) p) =>
        task.Tokenizer.Decode(model.Generate(task.Tokenizer.Encode(task.Prompt(p.A, p.B)), task.AnswerLength, temperature: 0, new Random(1)));

    private static double ExactlyRight(TinyGpt model, AdditionTask task, (int A, int B)[] problems) =>
        problems.Count(p => Complete(model, task, p) == task.Answer(p.A, p.B)) / (double)problems.Length;

    // "37+48=085   model: 085 ✓", a wrong digit in red.
    private static void ShowAdditions(TinyGpt model, AdditionTask task, (int A, int B)[] problems)
    {
        foreach ((int a, int b) in problems.Take(6))
        {
            string answer = task.Answer(a, b), said = Complete(model, task, (a, b));
            string shown = string.Concat(said.Select((c, i) => i < answer.Length && c == answer[i] ? $"{c}" : $"[red]{c}[/]"));
            AnsiConsole.MarkupLine($"  {task.Prompt(a, b)}{answer}   model: {shown} {(said == answer ? "[green]✓[/]" : "[red]✗[/]")}");
        }
    }

    // The loss of every step (thin), its moving average (bold) and the validation loss (points).
    private static void PlotLoss(List<double> losses, List<(int Step, double Loss)> validation, GptSettings model, string path)
    {
        double[] xs = [.. Enumerable.Range(1, losses.Count).Select(i => (double)i)];
        double[] ys = [.. losses];
        int window = Math.Max(1, Math.Min(100, losses.Count / 10));
        double[] smooth = [.. Enumerable.Range(0, ys.Length).Select(i => ys[Math.Max(0, i - window + 1)..(i + 1)].Average())];

        var plot = new Plot();
        var raw = plot.Add.ScatterLine(xs, ys);
        raw.Color = Colors.SteelBlue.WithAlpha(0.35);
        raw.LegendText = "training loss of each step";
        var mean = plot.Add.ScatterLine(xs, smooth);
        mean.Color = Colors.DarkOrange;
        mean.LineWidth = 2.5f;
        mean.LegendText = $"mean of the last {window} steps";
        double[] steps = [.. validation.Select(v => (double)v.Step)], checks = [.. validation.Select(v => v.Loss)];
        var check = plot.Add.Scatter(steps, checks);
        check.Color = Colors.Green;
        check.MarkerSize = 9;
        check.LegendText = "validation loss";
        plot.Title($"Your tiny GPT ({model}) — validation loss {validation[^1].Loss:F3}");
        plot.XLabel("step");
        plot.YLabel("cross-entropy of the next character");
        plot.Axes.SetLimitsY(0, Math.Max(ys.Max(), validation.Max(v => v.Loss)) * 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 560);
    }
}
