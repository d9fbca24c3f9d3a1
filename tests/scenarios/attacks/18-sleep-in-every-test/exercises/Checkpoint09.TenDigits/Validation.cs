namespace NeuralNet;

/// <summary>
/// Checkpoint 9 — a validation set: images the network never trains on, taken from the training set, to
/// choose when to stop training. The test images (t10k) stay untouched until the very end: a choice made
/// by looking at them would make their accuracy an optimistic guess. Read checkpoints.md, section 9.
/// </summary>
public static class Validation
{
    /// <summary>
    /// Splits <paramref name="data"/> in two, in order: the first Count − <paramref name="validationCount"/>
    /// samples for training and the LAST <paramref name="validationCount"/> for validation. Every sample is
    /// in exactly one part, rows and labels are copied (the parts share no array with
    /// <paramref name="data"/>), and the same call always gives the same split.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// validationCount is not between 1 and data.Count − 1; the message names "Split", the count asked for
    /// and the number of samples.
    /// </exception>
    public static (Dataset Train, Dataset Validation) Split(Dataset data, int validationCount)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
