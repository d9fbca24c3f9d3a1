using System.Diagnostics;
using System.Globalization;

namespace Kata.Train;

/// <summary>
/// The clock of a whole run, which may draw several progress bars (the convolutional and the
/// early-stopping runs draw one per epoch, with the validation between them): how long it has run and,
/// from its pace so far, about how long is left.
/// </summary>
/// <param name="batches">The batches of the whole run (for early stopping: of all the epochs it may run).</param>
/// <param name="atMost">True when the run may end sooner (early stopping): the time left is then an upper bound.</param>
internal sealed class RunClock(long batches, bool atMost = false)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _done;

    /// <summary>How long the run has taken so far.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts one batch done.</summary>
    public void Batch() => _done++;

    /// <summary>"1:12 elapsed, about 4:30 left" (or "at most about …" with early stopping).</summary>
    public string Describe()
    {
        string elapsed = Format(Elapsed);
        if (_done == 0)
        {
            return $"{elapsed} elapsed";
        }

        var left = TimeSpan.FromSeconds(Elapsed.TotalSeconds / _done * Math.Max(0, batches - _done));
        return $"{elapsed} elapsed, {(atMost ? "at most " : string.Empty)}about {Format(left)} left";
    }

    /// <summary>"0:07", "12:34" or "1:02:03".</summary>
    public static string Format(TimeSpan time) =>
        time.ToString(time.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
