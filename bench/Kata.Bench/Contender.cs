namespace Kata.Bench;

/// <summary>
/// One of the implementations <c>vs-numpy</c> compares, trained one epoch at a time so that they can take
/// turns: <paramref name="epoch"/> trains one epoch and returns its seconds of training and the test
/// accuracy after it.
/// </summary>
internal sealed class Contender(string name, bool isNumpy, Func<(double Seconds, double Accuracy)> epoch)
{
    /// <summary>"C# fast step", "numpy (Cooperlake)", ….</summary>
    public string Name => name;

    /// <summary>True for a numpy run: ratios are taken against the fastest of these.</summary>
    public bool IsNumpy => isNumpy;

    /// <summary>Every epoch so far: seconds of training and the test accuracy after it.</summary>
    public List<(double Seconds, double Accuracy)> Epochs { get; } = [];

    /// <summary>The shortest epoch, in seconds.</summary>
    public double Best => Epochs.Min(e => e.Seconds);

    /// <summary>The median epoch, in seconds.</summary>
    public double Median => Epochs.Select(e => e.Seconds).Order().ElementAt(Epochs.Count / 2);

    /// <summary>Trains one more epoch.</summary>
    public void TrainEpoch() => Epochs.Add(epoch());

    /// <summary>Seconds of training until the test accuracy first reached <paramref name="accuracy"/>, or null.</summary>
    public double? SecondsTo(double accuracy)
    {
        double total = 0;
        foreach ((double seconds, double reached) in Epochs)
        {
            total += seconds;
            if (reached >= accuracy)
            {
                return total;
            }
        }

        return null;
    }
}
