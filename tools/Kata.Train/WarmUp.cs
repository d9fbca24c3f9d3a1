using System.Diagnostics;
using System.Globalization;
using NeuralNet;

namespace Kata.Train;

/// <summary>
/// How long a run will take, measured before it starts: a throwaway copy of the network (same settings,
/// its own instance, so the run itself is unchanged) trains on the first of the run's samples for about
/// a second and a half, again from the start if it gets through them. The first half second, while .NET
/// is still compiling and optimizing the code, is not timed, and of the batches after it only the later
/// half counts (.NET optimizes a hot loop again after a few hundred milliseconds: a fast kernel's first
/// timed batches once tripled a CNN's estimate); their time per batch, times the run's batches, is the
/// estimate. It also counts the products the copy asked of its kernel, so that
/// <c>--kernel fast</c> can say before the run whether the network calls it.
/// </summary>
/// <param name="Batches">The batches timed.</param>
/// <param name="Seconds">Their time.</param>
/// <param name="ProductsPerBatch">Products the copy asked of its kernel per batch, over every batch it trained.</param>
internal sealed record WarmUp(int Batches, double Seconds, double ProductsPerBatch)
{
    /// <summary>The copy trains on at most this many batches' worth of samples at a time.</summary>
    public const int MaxBatches = 200;

    private static readonly TimeSpan Untimed = TimeSpan.FromSeconds(0.5), Budget = TimeSpan.FromSeconds(1.5);

    /// <summary>Seconds per batch.</summary>
    public double SecondsPerBatch => Seconds / Batches;

    /// <summary>
    /// Runs <paramref name="train"/> (one epoch of a throwaway copy over at most <see cref="MaxBatches"/>
    /// batches, reporting every batch) until about a second of batches after the first half second is
    /// timed, or null when it trained without reporting a batch. <paramref name="products"/> reads the
    /// copy's kernel's count of products, if there is one.
    /// </summary>
    public static WarmUp? Measure(Action<Action<TrainingProgress>> train, Func<long>? products = null)
    {
        long before = products?.Invoke() ?? 0;
        var clock = Stopwatch.StartNew();
        var ends = new List<TimeSpan>(); // of the timed batches; the first one starts the timing
        int seen = 0, timed = 0;
        bool enough = false;
        while (!enough)
        {
            int seenBefore = seen;
            try
            {
                train(_ =>
                {
                    seen++;
                    if (timed > 0 || clock.Elapsed >= Untimed)
                    {
                        // The first batch to end after the untimed start starts the timing.
                        timed++;
                        ends.Add(clock.Elapsed);
                        if (clock.Elapsed >= Budget && timed > 4)
                        {
                            throw new EnoughException();
                        }
                    }
                });
            }
            catch (EnoughException)
            {
                enough = true;
            }

            if (seen == seenBefore)
            {
                return null; // its Train never reported a batch: nothing to time
            }

            // A Train that swallowed the exception ends its pass normally: stop on the clock instead.
            enough |= clock.Elapsed >= Budget && timed > 1;
        }

        double perBatch = ((products?.Invoke() ?? 0) - before) / (double)seen;
        if (ends.Count < 2)
        {
            return new WarmUp(1, clock.Elapsed.TotalSeconds, perBatch); // one batch longer than the whole budget
        }

        int from = (ends.Count - 1) / 2; // the later half of the timed batches
        return new WarmUp(ends.Count - 1 - from, (ends[^1] - ends[from]).TotalSeconds, perBatch);
    }

    /// <summary>The first <paramref name="count"/> rows of <paramref name="x"/> and their labels (all of them when there are fewer).</summary>
    public static (Matrix X, int[] Y) First(Matrix x, int[] y, int count)
    {
        int n = Math.Min(count, x.Rows);
        return n == x.Rows ? (x, y) : (new Matrix(n, x.Cols, x.Data[..(n * x.Cols)]), y[..n]);
    }

    /// <summary>
    /// "Estimated training time: about 34 min (46,890 batches at 0.043 s each, timed over …)" for
    /// <paramref name="measured"/> (null: the copy never reported a batch), with <paramref name="atMost"/>
    /// for a run that early stopping may end sooner and <paramref name="besides"/> for what the estimate leaves out.
    /// </summary>
    public static string Describe(WarmUp? measured, long batches, bool atMost = false, string? besides = null)
    {
        if (measured is null)
        {
            return "No estimate of the training time: a throwaway copy of the network trained without reporting a single batch to its progress callback.";
        }

        var total = TimeSpan.FromSeconds(measured.SecondsPerBatch * batches);
        string estimate = total.TotalMinutes >= 1.5 ? $"{Math.Round(total.TotalMinutes):N0} min" : $"{Math.Max(1, Math.Round(total.TotalSeconds)):N0} s";
        string sentence = string.Create(
            CultureInfo.InvariantCulture,
            $"Estimated training time: {(atMost ? "at most " : string.Empty)}about {estimate} ({batches:N0} batches at {measured.SecondsPerBatch:G2} s each, "
            + $"timed over {measured.Batches:N0} batches of a throwaway copy of the network before the run{(atMost ? "; early stopping may end it sooner" : string.Empty)}"
            + $"{(besides is null ? string.Empty : "; " + besides)}).");
        return total.TotalMinutes >= 5 ? sentence + " Ctrl+C stops it; --epochs runs fewer epochs." : sentence;
    }

    /// <summary>Thrown from the progress callback to end the warm-up.</summary>
    private sealed class EnoughException : Exception
    {
        public EnoughException()
            : base("The warm-up has timed enough batches.")
        {
        }
    }
}
