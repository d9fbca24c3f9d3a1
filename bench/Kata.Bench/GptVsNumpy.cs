using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kata.Core;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// <c>./kata bench vs-numpy-gpt</c>: checkpoint 14's text run (the defaults of <c>./kata train --model gpt</c>)
/// trained in C# — the track's TinyGpt through its autograd with its Adam — and in numpy (bench/gpt_numpy.py,
/// the same model with its backward pass written out by hand), from the same initial parameters over the same
/// windows of checkpoints.md in the same order, and one table: time per step, the first loss, the validation
/// loss at the end, ratio to numpy. In float64 both compute the same losses up to rounding; numpy also runs in
/// float32, as numpy code for networks usually does.
/// </summary>
internal static class GptVsNumpy
{
    private const int ValidationBatches = 8;

    public static int Run(int steps, bool withNumpy)
    {
        Console.WriteLine(Machine.Describe());
        int context = TrainingDefaults.GptContext, batch = TrainingDefaults.GptBatchSize;
        string text = File.ReadAllText(Path.Combine(KataPaths.Root, TrainingDefaults.GptText)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var tokenizer = Tokenizer.Of(text);
        int[] tokens = tokenizer.Encode(text);
        int split = tokens.Length * 9 / 10;
        var settings = new GptSettings(tokenizer.Size, context, TrainingDefaults.GptWidth, TrainingDefaults.GptHeads, TrainingDefaults.GptLayers);
        Console.WriteLine(F($"The same tiny GPT in C# and in numpy: {settings} on {TrainingDefaults.GptText} ({tokens.Length:N0} characters, {tokenizer.Size} different, the last 10 % to validate), ")
            + F($"{steps:N0} steps of {batch} windows, Adam {TrainingDefaults.GptLearningRate}, seed 1: the same initial parameters, the same windows in the same order."));
        Console.WriteLine("Time per step is training only: the loss, its gradient and Adam's step (not the validation loss).");
        Console.WriteLine();

        var rows = new List<Row>();
        Console.WriteLine("C#, float64 (the track's TinyGpt, autograd and Adam) …");
        try
        {
            rows.Add(CSharp(settings, tokens[..split], tokens[split..], steps, batch));
        }
        catch (NotImplementedException stub)
        {
            Console.WriteLine($"  Not implemented yet: {stub.Message}");
        }

        if (Numpy.PythonOrSayWhyNot(withNumpy) is { } python)
        {
            foreach (bool float32 in new[] { false, true })
            {
                string[] arguments =
                [
                    "--text", Path.Combine(KataPaths.Root, TrainingDefaults.GptText), "--steps", F($"{steps}"), "--reports", "1",
                    .. float32 ? ["--float32"] : Array.Empty<string>(),
                ];
                Console.WriteLine($"numpy ({python}), {(float32 ? "float32" : "float64")} …");
                using JsonDocument result = Numpy.Run(python, arguments, coreType: null, script: "gpt_numpy.py");
                Console.WriteLine($"  {Numpy.DescribeBlas(result)}");
                JsonElement last = result.RootElement.GetProperty("reports").EnumerateArray().Last();
                rows.Add(new Row(
                    $"numpy {(float32 ? "float32" : "float64")}",
                    result.RootElement.GetProperty("msPerStep").GetDouble(),
                    result.RootElement.GetProperty("firstLosses")[0].GetDouble(),
                    last.GetProperty("validationLoss").GetDouble(),
                    IsNumpy: true));
            }
        }

        Console.WriteLine();
        Row? numpy = rows.Where(r => r.IsNumpy).MinBy(r => r.MsPerStep);
        var table = new TextTable("implementation", "ms a step", "loss of step 1", F($"validation loss after {steps:N0}"), numpy is null ? "ratio" : $"ratio to {numpy.Name}");
        foreach (Row row in rows)
        {
            table.Add(row.Name, F($"{row.MsPerStep:F2}"), F($"{row.FirstLoss:F6}"), F($"{row.ValidationLoss:F4}"), numpy is null ? "—" : F($"{row.MsPerStep / numpy.MsPerStep:F2}"));
        }

        Console.Write(table);
        Console.WriteLine($"Load average at the end: {Machine.Load()}.");
        Console.WriteLine("Run it again: ./kata bench --track solutions vs-numpy-gpt [--steps N].");
        return 0;
    }

    // GptRun's text training (tools/Kata.Train): windows of context + 1 tokens drawn with Random(1), then the
    // mean validation loss over 8 batches of windows spread evenly over the validation text.
    private static Row CSharp(GptSettings settings, int[] train, int[] validation, int steps, int batch)
    {
        int context = settings.ContextLength;
        var model = new TinyGpt(settings, seed: 1);
        var random = new Random(1);
        var adam = new Adam(TrainingDefaults.GptLearningRate);
        double first = double.NaN;
        var clock = Stopwatch.StartNew();
        for (int step = 0; step < steps; step++)
        {
            int[][] windows = [.. Enumerable.Range(0, batch).Select(_ => random.Next(train.Length - context - 1)).Select(s => train[s..(s + context + 1)])];
            double loss = model.TrainStep([.. windows.Select(w => w[..^1])], [.. windows.Select(w => w[1..])], adam);
            first = step == 0 ? loss : first;
        }

        double ms = clock.Elapsed.TotalMilliseconds / steps;
        int checks = ValidationBatches * batch;
        int[][] check = [.. Enumerable.Range(0, checks).Select(i => i * (validation.Length - context - 1) / checks).Select(s => validation[s..(s + context + 1)])];
        double validationLoss = Enumerable.Range(0, ValidationBatches).Average(b =>
            model.NextTokenLoss([.. check[(b * batch)..((b + 1) * batch)].Select(w => w[..^1])], [.. check[(b * batch)..((b + 1) * batch)].Select(w => w[1..])]).Data[0, 0]);
        return new Row("C# float64", ms, first, validationLoss, IsNumpy: false);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string Name, double MsPerStep, double FirstLoss, double ValidationLoss, bool IsNumpy);
}
