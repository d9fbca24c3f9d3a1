namespace NeuralNet;

/// <summary>The checks the fast training methods make before they start, with checkpoint 4's messages.</summary>
internal static class TrainingArguments
{
    /// <summary>x holds <paramref name="inputs"/> numbers per row, one label per row, every label a class; epochs and batchSize ≥ 1.</summary>
    public static void Check(string operation, Matrix x, int inputs, int[] labels, int classes, int epochs, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        CheckImages(operation, x, inputs);
        if (x.Rows != labels.Length)
        {
            throw new ArgumentException($"{operation}: {x.Shape} samples but {labels.Length} labels; give one label per row.", nameof(labels));
        }

        if (epochs < 1 || batchSize < 1)
        {
            throw new ArgumentException($"{operation}: epochs ({epochs}) and batchSize ({batchSize}) must be at least 1.");
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels), $"{operation}: label {labels[i]} of sample {i} is not a class of the network; labels go from 0 to {classes - 1}.");
            }
        }
    }

    /// <summary>x holds <paramref name="inputs"/> numbers per row.</summary>
    public static void CheckImages(string operation, Matrix x, int inputs)
    {
        if (x.Cols != inputs)
        {
            throw new ArgumentException($"{operation}: the network takes {inputs} numbers per sample, but x is {x.Shape}.", nameof(x));
        }
    }
}
