using System.Diagnostics;
using System.Text.RegularExpressions;
using Kata.Core;
using NeuralNet;
using ScottPlot;
using Spectre.Console;

namespace Kata.Train;

/// <summary>One training run: load MNIST with the learner's reader, train with the learner's Train, report.</summary>
internal static class TrainingRun
{
    /// <summary>
    /// Finds the data and runs <paramref name="train"/> (checkpoint 4's run, with the bonus checkpoints the
    /// <paramref name="plan"/> chooses, unless told otherwise), turning a stub, a diverged loss or unreadable
    /// data into one sentence. <paramref name="graded"/> says what the graded tests ask of such a run
    /// (<see cref="GradedNote"/>), for the line with the test accuracy.
    /// </summary>
    public static int Run(MnistSettings settings, TrainingPlan plan, string pngPath, string graded, Func<MnistSettings, MnistPaths, string, int>? train = null, Kernel? kernel = null)
    {
        MnistPaths files;
        try
        {
            files = MnistData.Locate();
        }
        catch (MnistDataException error)
        {
            AnsiConsole.WriteLine(error.Message);
            return 1;
        }

        try
        {
            return train is null ? Train(settings, plan, files, pngPath, kernel ?? Kernel.Named("clear"), graded) : train(settings, files, pngPath);
        }
        catch (NotImplementedException stub)
        {
            // "Checkpoint 7: implement Adam.Step — …": a bonus flag can reach a later checkpoint's stub.
            string checkpoint = Regex.Match(stub.Message, @"^Checkpoint (\d+):") is { Success: true } m ? m.Groups[1].Value : "4";
            AnsiConsole.WriteLine($"Not implemented yet. {stub.Message} Finish checkpoint {checkpoint} first (dotnet test --filter Checkpoint={checkpoint}), or watch the reference: ./kata train --track solutions");
            return 1;
        }
        catch (TrainingDivergedException diverged)
        {
            AnsiConsole.WriteLine(
                $"The training loss became {diverged.Progress.Loss} at epoch {diverged.Progress.Epoch}, batch {diverged.Progress.Batch}: "
                + "try a smaller --learning-rate, and check that Softmax and CrossEntropy subtract each row's maximum before Exp (checkpoints.md#4-learning).");
            return 1;
        }
        catch (InvalidDataException error)
        {
            AnsiConsole.WriteLine($"Your MNIST reader could not read the data: {error.Message}");
            return 1;
        }
    }

    private static int Train(MnistSettings settings, TrainingPlan plan, MnistPaths files, string pngPath, Kernel kernel, string graded)
    {
        int[] digits = [.. settings.Digits];
        var clock = Stopwatch.StartNew();
        Dataset train = Mnist.Load(files.TrainImages, files.TrainLabels, digits);
        Dataset test = Mnist.Load(files.TestImages, files.TestLabels, digits);
        (Matrix x, int[] y) = First(train, settings.TrainingImages);
        AnsiConsole.WriteLine(
            $"MNIST digits {string.Join(", ", digits)} from {files.Directory}: {x.Rows:N0} training and {test.Count:N0} test images, read in {clock.Elapsed.TotalSeconds:F1} s.");
        int batches = BatchesPerEpoch(x.Rows, settings) * settings.Epochs;

        // Checkpoint 12's fast step trains checkpoint 4's plain gradient descent; the bonus plans keep their own Train, on the fast product.
        bool fastStep = kernel.FastStep && plan == TrainingPlan.Plain;
        Announce($"{settings.Describe()}{plan.Describe()}", settings, plan, x, y, kernel, batches, fastStep: fastStep, productNote: FastStepMissing(kernel, plan));

        var network = new Network(settings.LayerSizes, settings.Seed, TrainingPlan.HiddenActivation(settings.Activation)) { MatMul = kernel.Multiply };
        clock.Restart();
        List<double> losses = TrainWithProgress(
            report => fastStep
                ? FastTraining.Train(network, x, y, settings.LearningRate, settings.Epochs, settings.BatchSize, report)
                : plan.Train(network, x, y, settings, report),
            batches);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        Report(settings, test, network.Predict(test.Images), losses, trainSeconds, x.Rows * settings.Epochs, pngPath, graded, $"{string.Join('-', settings.LayerSizes)} {settings.Activation}{plan.Describe()}");
        Pictures.FirstLayer(Pictures.Beside(pngPath, "weights"), network.Weights[0]);
        AnsiConsole.WriteLine($"First layer's weights: {Shown(Pictures.Beside(pngPath, "weights"))}");
        return 0;
    }

    // Why --kernel fast runs the network on the fast product instead of the fast step, or nothing.
    private static string FastStepMissing(Kernel kernel, TrainingPlan plan) =>
        kernel.Name != "fast" ? string.Empty
        : !kernel.FastStep ? " (FastTraining.Train, the stage beyond the product, is not written yet)"
        : plan != TrainingPlan.Plain ? " (FastTraining.Train trains checkpoint 4's plain gradient descent only)" : string.Empty;

    /// <summary>
    /// Before a dense network's run (<paramref name="network"/> describes it): trains a throwaway copy for
    /// about a second (<see cref="WarmUp"/>) and prints the network, where its products come from (a
    /// warning when --kernel fast would not be used; <paramref name="productNote"/> after the product) and how
    /// long the <paramref name="batches"/> will take. With <paramref name="fastStep"/> the run and the copy
    /// train with checkpoint 12's FastTraining.Train, which multiplies with its own engine.
    /// </summary>
    internal static void Announce(
        string network, MnistSettings settings, TrainingPlan plan, Matrix x, int[] y, Kernel kernel, long batches, bool atMost = false, string? besides = null, bool fastStep = false, string? productNote = null)
    {
        var copy = new Network(settings.LayerSizes, settings.Seed, TrainingPlan.HiddenActivation(settings.Activation)) { MatMul = kernel.Multiply };
        (Matrix wx, int[] wy) = WarmUp.First(x, y, WarmUp.MaxBatches * settings.BatchSize);
        if (fastStep)
        {
            WarmUp? fast = WarmUp.Measure(report => FastTraining.Train(copy, wx, wy, settings.LearningRate, 1, settings.BatchSize, report));
            AnsiConsole.WriteLine($"Network {network}; trained by {Kernel.FastStepDescription}.");
            AnsiConsole.WriteLine(WarmUp.Describe(fast, batches, atMost, besides));
            return;
        }

        WarmUp? warmUp = WarmUp.Measure(report => plan.Train(copy, wx, wy, settings with { Epochs = 1 }, report), () => kernel.Calls);
        long before = kernel.Calls;
        copy.Forward(WarmUp.First(x, y, 1).X);
        (string source, string? warning) = kernel.Check(settings.LayerSizes.Length - 1, warmUp?.ProductsPerBatch, kernel.Calls - before);

        AnsiConsole.WriteLine($"Network {network}; matrix products by {source}{productNote}.");
        if (warning is not null)
        {
            AnsiConsole.WriteLine(warning);
        }

        AnsiConsole.WriteLine(WarmUp.Describe(warmUp, batches, atMost, besides));
    }

    /// <summary>
    /// What the graded tests ask of a dense network on <paramref name="digits"/>, in one true sentence:
    /// checkpoint 4's graded run is on curriculum.json's digits, checkpoint 9's on all ten, each with its own,
    /// smaller settings (<c>--graded</c>); no graded test trains on other digits.
    /// </summary>
    internal static string GradedNote(IReadOnlyList<int> digits, Curriculum curriculum)
    {
        if (digits.Order().SequenceEqual(curriculum.Mnist.Digits.Order()))
        {
            return $"checkpoint 4's graded test, a shorter run (./kata train --graded), needs more than {curriculum.Mnist.Threshold:P0}.";
        }

        return digits.Count == 10 && curriculum.Mnist10 is { } ten
            ? $"checkpoint 9's graded test, a shorter run (./kata train --digits 0-9 --graded), needs more than {ten.Threshold:P0}."
            : "no graded test trains on these digits.";
    }

    /// <summary>
    /// After training: the test accuracy (and, in <paramref name="graded"/>, what the graded tests ask), the
    /// confusion matrix, the loss curve and the test images the network got wrong. <paramref name="settings"/>.Epochs
    /// must be the number of epochs that ran.
    /// </summary>
    internal static void Report(MnistSettings settings, Dataset test, int[] predicted, List<double> losses, double trainSeconds, long samplesTrained, string pngPath, string graded, string? network = null)
    {
        int[] digits = [.. settings.Digits];
        int correct = predicted.Where((p, i) => p == test.Labels[i]).Count();
        double accuracy = (double)correct / test.Count;

        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine("Confusion matrix on the test images (rows: the true digit, columns: what your network answered):");
        AnsiConsole.Write(ConfusionMatrix(digits, test.Labels, predicted));
        AnsiConsole.WriteLine(
            $"Test accuracy {accuracy:P2} ({correct:N0} of {test.Count:N0} correct) after {trainSeconds:F1} s of training "
            + $"({samplesTrained / trainSeconds:N0} samples/s); {graded}");

        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        PlotLoss(losses, settings, accuracy, pngPath, network);
        AnsiConsole.WriteLine($"Loss curve: {Shown(pngPath)}");
        string mistakes = Pictures.Beside(pngPath, "mistakes");
        Pictures.Mistakes(mistakes, test.Images, test.Labels, predicted, digits);
        AnsiConsole.WriteLine($"Test images it got wrong: {Shown(mistakes)}");
    }

    /// <summary>A path as the learner would type it from here: relative when it is below the current folder.</summary>
    internal static string Shown(string path)
    {
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return shown.StartsWith("..", StringComparison.Ordinal) ? path : shown;
    }

    /// <summary>
    /// Runs <paramref name="train"/> (a call of a Train method with the given progress callback, <paramref name="total"/>
    /// batches) under a progress bar, or with a plain line every tenth of the run when there is no terminal. Stops a
    /// run whose loss is not a number. The bar shows its elapsed time and the time left; when it is one of several
    /// bars of a run (one per epoch), <paramref name="run"/> is the whole run's clock, shown beside them.
    /// </summary>
    internal static List<double> TrainWithProgress(Func<Action<TrainingProgress>, List<double>> train, int total, RunClock? run = null)
    {
        bool wholeRun = run is null;
        RunClock clock = run ?? new RunClock(total);
        var rate = Stopwatch.StartNew();
        long samples = 0;
        double running = double.NaN;

        string Describe(TrainingProgress p, bool withClock) =>
            $"epoch {p.Epoch}/{p.Epochs} · batch {p.Batch}/{p.Batches} · loss {running:F4} · {samples / Math.Max(rate.Elapsed.TotalSeconds, 1e-9):N0} samples/s"
            + (withClock ? $" · {(wholeRun ? string.Empty : "run: ")}{clock.Describe()}" : string.Empty);

        void Track(TrainingProgress p)
        {
            if (!double.IsFinite(p.Loss))
            {
                throw new TrainingDivergedException(p);
            }

            // The running loss: an exponential moving average over about the last 50 batches.
            running = double.IsNaN(running) ? p.Loss : running + ((p.Loss - running) / 50);
            samples += p.Samples;
            clock.Batch();
        }

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // No terminal to redraw (CI, a pipe): a plain line every tenth of the run and at each epoch's end.
            int done = 0;
            return train(p =>
            {
                Track(p);
                done++;
                if (done % Math.Max(1, total / 10) == 0 || p.Batch == p.Batches)
                {
                    Console.WriteLine($"  {Describe(p, withClock: true)}");
                }
            });
        }

        List<double> losses = [];
        Bar(total, task => losses = train(p =>
        {
            Track(p);
            task.Description = Describe(p, withClock: !wholeRun);
            task.Increment(1);
        }));
        return losses;
    }

    /// <summary>
    /// A progress bar of <paramref name="total"/> steps, left on screen when done, around <paramref name="work"/>:
    /// what it is doing, the bar, the share done, the time it has taken and the time left.
    /// </summary>
    internal static void Bar(int total, Action<ProgressTask> work) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new TimeColumn())
            .Start(context => work(context.AddTask("training", maxValue: total)));

    private static Table ConfusionMatrix(int[] digits, int[] labels, int[] predicted)
    {
        var counts = new int[digits.Length, digits.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            counts[labels[i], predicted[i]]++;
        }

        var table = new Table();
        table.AddColumn("true \\ predicted");
        foreach (int digit in digits)
        {
            table.AddColumn(new TableColumn(digit.ToString(System.Globalization.CultureInfo.InvariantCulture)).RightAligned());
        }

        for (int r = 0; r < digits.Length; r++)
        {
            var row = new List<string> { digits[r].ToString(System.Globalization.CultureInfo.InvariantCulture) };
            for (int c = 0; c < digits.Length; c++)
            {
                string n = counts[r, c].ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                row.Add(r == c ? $"[green]{n}[/]" : counts[r, c] == 0 ? $"[grey]{n}[/]" : $"[red]{n}[/]");
            }

            table.AddRow([.. row]);
        }

        return table;
    }

    // Every batch's loss (thin, light) and its moving average (bold), epochs marked by dashed lines.
    private static void PlotLoss(List<double> losses, MnistSettings settings, double accuracy, string path, string? network = null)
    {
        double[] xs = [.. Enumerable.Range(1, losses.Count).Select(i => (double)i)];
        double[] ys = [.. losses];
        int window = losses.Count >= 1000 ? 100 : Math.Max(1, losses.Count / 10);
        double[] smooth = new double[ys.Length];
        double sum = 0;
        for (int i = 0; i < ys.Length; i++)
        {
            sum += ys[i] - (i >= window ? ys[i - window] : 0);
            smooth[i] = sum / Math.Min(i + 1, window);
        }

        var plot = new Plot();
        var raw = plot.Add.ScatterLine(xs, ys);
        raw.Color = Colors.SteelBlue.WithAlpha(0.35);
        raw.LineWidth = 1;
        raw.LegendText = "loss of each batch";
        var mean = plot.Add.ScatterLine(xs, smooth);
        mean.Color = Colors.DarkOrange;
        mean.LineWidth = 2.5f;
        mean.LegendText = $"mean of the last {window} batches";

        // The y axis ends at 1.05 × yTop; each epoch's label sits just inside the top of the plot, right
        // of its dashed line, where it cannot cover the title (as a label on the axis above would).
        double yTop = Math.Min(ys.Max(), 2.5);
        int batches = losses.Count / settings.Epochs;
        for (int epoch = 1; epoch < settings.Epochs; epoch++)
        {
            var line = plot.Add.VerticalLine(epoch * batches);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            var label = plot.Add.Text($"epoch {epoch + 1}", epoch * batches, yTop);
            label.LabelFontColor = Colors.Gray;
            label.LabelFontSize = 12;
            label.LabelAlignment = Alignment.UpperLeft;
            label.OffsetX = 4;
        }

        // Two lines: the network's description alone can fill the width of the picture (a convolutional one does).
        plot.Title(
            $"Training loss — {network ?? $"{string.Join('-', settings.LayerSizes)} {settings.Activation}"}\n"
            + $"learning rate {settings.LearningRate}, batches of {settings.BatchSize} — test accuracy {accuracy:P2}");
        plot.XLabel($"batch ({settings.Epochs} epoch{(settings.Epochs == 1 ? string.Empty : "s")} × {batches:N0} batches)");
        plot.YLabel("cross-entropy loss");
        plot.Axes.SetLimitsY(0, yTop * 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 560);
    }

    /// <summary>⌈rows / batch size⌉: the last batch of an epoch may be smaller.</summary>
    internal static int BatchesPerEpoch(int rows, MnistSettings settings) => (rows + settings.BatchSize - 1) / settings.BatchSize;

    internal static (Matrix X, int[] Y) First(Dataset data, int count)
    {
        int n = count == 0 ? data.Count : Math.Min(count, data.Count);
        return n == data.Count
            ? (data.Images, data.Labels)
            : (new Matrix(n, data.Images.Cols, data.Images.Data[..(n * data.Images.Cols)]), data.Labels[..n]);
    }
}
