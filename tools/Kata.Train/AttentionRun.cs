using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NeuralNet;
using Spectre.Console;

namespace Kata.Train;

/// <summary>
/// <c>./kata train --model attention</c> (checkpoint 11): the learner's self-attention model learns to reverse
/// sequences of digits, which the program generates (no download). Prints example sequences before and after
/// training, where each position of one of them looks, and the share of new sequences reversed exactly.
/// </summary>
internal static class AttentionRun
{
    /// <summary>The graded test's task and model (tests/…/Checkpoint11.Attention/SequenceTrainingTests.cs).</summary>
    public const int Length = 6, Vocabulary = 10, Width = 12, Heads = 2, TrainCount = 1000, TestCount = 500;

    private const int Examples = 4;

    public static int Run(int epochs, int batchSize, double learningRate, int seed, string optimizer)
    {
        try
        {
            return Train(epochs, batchSize, learningRate, seed, optimizer);
        }
        catch (NotImplementedException stub)
        {
            string checkpoint = Regex.Match(stub.Message, @"^Checkpoint (\d+):") is { Success: true } m ? m.Groups[1].Value : "11";
            AnsiConsole.WriteLine($"Not implemented yet. {stub.Message} Finish checkpoint {checkpoint} first (dotnet test --filter Checkpoint={checkpoint}), or watch the reference: ./kata train --model attention --track solutions");
            return 1;
        }
    }

    private static int Train(int epochs, int batchSize, double learningRate, int seed, string optimizerName)
    {
        (SequenceData train, SequenceData test) = SequenceData.Reversal(TrainCount, TestCount, Length, Vocabulary, seed);
        var model = new SequenceModel(Vocabulary, Width, Heads, causal: false, seed);
        Optimizer NewOptimizer() => optimizerName switch
        {
            "momentum" => new Momentum(learningRate),
            "sgd" => new Sgd(learningRate),
            _ => new Adam(learningRate),
        };
        Optimizer optimizer = NewOptimizer();

        AnsiConsole.WriteLine($"Reversing sequences of {Length} digits: {TrainCount:N0} to train on, {TestCount} others to test on (seed {seed}).");
        AnsiConsole.WriteLine($"Model: embedding + sinusoidal positions, one self-attention layer ({Width} wide, {Heads} heads), readout to {Vocabulary} digits.");
        AnsiConsole.WriteLine($"Training: {epochs} epoch{(epochs == 1 ? string.Empty : "s")}, batches of {batchSize}, {optimizerName} with learning rate {learningRate.ToString(CultureInfo.InvariantCulture)}.");
        var copy = new SequenceModel(Vocabulary, Width, Heads, causal: false, seed);
        int warmUpCount = Math.Min(train.Count, WarmUp.MaxBatches * batchSize);
        WarmUp? warmUp = WarmUp.Measure(report => copy.Train(train.Inputs[..warmUpCount], train.Targets[..warmUpCount], NewOptimizer(), 1, batchSize, report));
        AnsiConsole.WriteLine(WarmUp.Describe(warmUp, (long)epochs * ((train.Count + batchSize - 1) / batchSize)));
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine($"Before training ({ExactlyRight(model, test):P1} of the test sequences exactly right):");
        ShowExamples(model, test);

        var clock = Stopwatch.StartNew();
        List<double> losses = TrainWithProgress(model, train, optimizer, epochs, batchSize);
        double seconds = clock.Elapsed.TotalSeconds;

        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine("After training:");
        ShowExamples(model, test);
        ShowWhereItLooks(model, test.Inputs[0]);
        double accuracy = ExactlyRight(model, test);
        AnsiConsole.WriteLine(
            $"{accuracy:P1} of the {TestCount} test sequences reversed exactly, after {seconds:F1} s of training "
            + $"(loss {losses[0]:F3} → {losses[^1]:F4}); the graded test needs 95 %.");
        return 0;
    }

    private static List<double> TrainWithProgress(SequenceModel model, SequenceData train, Optimizer optimizer, int epochs, int batchSize)
    {
        int total = epochs * ((train.Count + batchSize - 1) / batchSize);
        var clock = new RunClock(total);
        double running = double.NaN;
        string Describe(TrainingProgress p) =>
            string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} · batch {p.Batch}/{p.Batches} · loss {running:F4}");
        void Track(TrainingProgress p)
        {
            running = double.IsNaN(running) ? p.Loss : running + ((p.Loss - running) / 20);
            clock.Batch();
        }

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // No terminal to redraw (CI, a pipe): a line at the end of every epoch.
            return model.Train(train.Inputs, train.Targets, optimizer, epochs, batchSize, p =>
            {
                Track(p);
                if (p.Batch == p.Batches)
                {
                    Console.WriteLine($"  {Describe(p)} · {clock.Describe()}");
                }
            });
        }

        List<double> losses = [];
        TrainingRun.Bar(total, task => losses = model.Train(train.Inputs, train.Targets, optimizer, epochs, batchSize, p =>
        {
            Track(p);
            task.Description = Describe(p);
            task.Increment(1);
        }));
        return losses;
    }

    // "3 1 4 1 5 9  →  9 5 1 4 1 3   model: 9 5 1 4 1 3 ✓", a wrong digit in red.
    private static void ShowExamples(SequenceModel model, SequenceData data)
    {
        for (int i = 0; i < Examples; i++)
        {
            int[] answer = Answers(model.Forward(data.Inputs[i])), target = data.Targets[i];
            string said = string.Join(' ', answer.Select((a, t) => a == target[t] ? $"{a}" : $"[red]{a}[/]"));
            bool right = answer.SequenceEqual(target);
            AnsiConsole.MarkupLine($"  {string.Join(' ', data.Inputs[i])}  →  {string.Join(' ', target)}   model: {said} {(right ? "[green]✓[/]" : "[red]✗[/]")}");
        }
    }

    // The attention weights of every head for one sequence, as the learner's own code computes them: row t is
    // where position t looks. Reversal shows up as the anti-diagonal: weights computed from the input.
    private static void ShowWhereItLooks(SequenceModel model, int[] tokens)
    {
        Matrix x = Positions.Sinusoidal(tokens.Length, model.ModelWidth);
        for (int t = 0; t < tokens.Length; t++)
        {
            for (int j = 0; j < model.ModelWidth; j++)
            {
                x[t, j] += model.Embedding[tokens[t], j];
            }
        }

        AttentionLayer layer = model.Attention;
        Matrix q = LinearAlgebra.MatMul(x, layer.QueryWeights), k = LinearAlgebra.MatMul(x, layer.KeyWeights);
        var grid = new Table().AddColumn("position looks at →");
        for (int h = 0; h < layer.Heads; h++)
        {
            grid.AddColumn($"head {h}: " + string.Join(' ', Enumerable.Range(0, tokens.Length)));
        }

        Matrix[] weights = [.. Enumerable.Range(0, layer.Heads).Select(h => Attention.Softmax(
            Attention.Scores(Columns(q, h * layer.HeadWidth, layer.HeadWidth), Columns(k, h * layer.HeadWidth, layer.HeadWidth)), model.Causal))];
        for (int t = 0; t < tokens.Length; t++)
        {
            grid.AddRow([$"{t} ({tokens[t]})", .. weights.Select(w => string.Join(' ', Enumerable.Range(0, tokens.Length).Select(s => Shade(w[t, s]))))]);
        }

        AnsiConsole.WriteLine($"Where each position of {string.Join(' ', tokens)} looks (attention weights: █ ≥ 0.8, ▓ ≥ 0.5, ▒ ≥ 0.2, ░ ≥ 0.05):");
        AnsiConsole.Write(grid);
    }

    private static string Shade(double w) => w >= 0.8 ? "█" : w >= 0.5 ? "▓" : w >= 0.2 ? "▒" : w >= 0.05 ? "░" : "·";

    private static Matrix Columns(Matrix m, int first, int count)
    {
        var slice = new Matrix(m.Rows, count);
        for (int i = 0; i < m.Rows; i++)
        {
            m.Row(i).Slice(first, count).CopyTo(slice.Row(i));
        }

        return slice;
    }

    private static int[] Answers(Matrix logits) =>
        [.. Enumerable.Range(0, logits.Rows).Select(r => Enumerable.Range(0, logits.Cols).MaxBy(c => logits[r, c]))];

    private static double ExactlyRight(SequenceModel model, SequenceData data) =>
        Enumerable.Range(0, data.Count).Count(i => Answers(model.Forward(data.Inputs[i])).SequenceEqual(data.Targets[i])) / (double)data.Count;
}
