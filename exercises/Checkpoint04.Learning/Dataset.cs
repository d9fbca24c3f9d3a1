// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// Labelled samples: <see cref="Images"/> holds one sample per row, and <see cref="Labels"/>[i] is the
/// class of row i (a number from 0 to the number of classes − 1).
/// </summary>
public sealed class Dataset
{
    /// <summary>Pairs images with their labels (they are used, not copied).</summary>
    public Dataset(Matrix images, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Rows != labels.Length)
        {
            throw new ArgumentException(
                $"Dataset: {images.Rows} images ({images.Shape}) but {labels.Length} labels; give one label per row.",
                nameof(labels));
        }

        Images = images;
        Labels = labels;
    }

    /// <summary>One sample per row: for MNIST, 784 pixels between 0 (white) and 1 (black).</summary>
    public Matrix Images { get; }

    /// <summary>The class of each row of <see cref="Images"/>.</summary>
    public int[] Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;
}
