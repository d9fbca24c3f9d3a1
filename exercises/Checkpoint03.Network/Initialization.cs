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
        throw new NotImplementedException(
            "Checkpoint 3: implement Initialization.RandomWeights — uniform on [-limit, limit] with the He or Xavier limit (checkpoints.md#3-the-network).");
    }
}
