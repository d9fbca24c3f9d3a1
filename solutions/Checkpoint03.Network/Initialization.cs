namespace NeuralNet;

/// <summary>Checkpoint 3 — where a network's first weights come from. Read checkpoints.md, section 3.</summary>
public static class Initialization
{
    /// <summary>
    /// A <paramref name="fanIn"/> x <paramref name="fanOut"/> matrix of random weights with mean 0 and
    /// a spread chosen so that signals neither die out nor blow up from layer to layer:
    /// variance 2 / fanIn for ReLU (He) and 2 / (fanIn + fanOut) for sigmoid (Xavier). Draw every
    /// number from <paramref name="random"/> so that the same seed gives the same weights.
    /// </summary>
    public static Matrix RandomWeights(int fanIn, int fanOut, Activation activation, Random random)
    {
        // A uniform distribution on [-limit, limit] has variance limit² / 3, so limit = sqrt(3 · variance).
        double variance = activation == Activation.ReLU ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
        double limit = Math.Sqrt(3.0 * variance);

        var weights = new Matrix(fanIn, fanOut);
        for (int i = 0; i < weights.Data.Length; i++)
        {
            weights.Data[i] = ((2.0 * random.NextDouble()) - 1.0) * limit;
        }

        return weights;
    }
}
