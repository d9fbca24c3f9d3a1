// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// The toy sequence model of checkpoint 11: each token of a sequence looks up its row of
/// <see cref="Embedding"/>, gets its position added (your <see cref="Positions.Sinusoidal"/>), passes through
/// one self-attention layer (<see cref="Attention"/>, causal or not) and is read out into one score per
/// token of the vocabulary by <see cref="Readout"/> and <see cref="ReadoutBias"/>. Read checkpoints.md, section 11.
/// </summary>
public sealed class SequenceModel
{
    /// <summary>
    /// A model with random parameters, all drawn from one <c>new Random(seed)</c> without any learner code:
    /// the embedding uniform in [−1, 1], the attention layer as in <see cref="AttentionLayer(int, int, int)"/>,
    /// the readout uniform in [−√(6/(ModelWidth + Vocabulary)), +√(…)] (Xavier), the readout bias 0.
    /// </summary>
    /// <param name="vocabulary">The number of different tokens, 0 to vocabulary − 1.</param>
    /// <param name="modelWidth">d_model, the width of every token's row.</param>
    /// <param name="heads">The attention heads; must divide <paramref name="modelWidth"/>.</param>
    /// <param name="causal">Whether each position may look only at itself and earlier positions.</param>
    /// <param name="seed">The seed of every random number.</param>
    public SequenceModel(int vocabulary, int modelWidth, int heads, bool causal, int seed)
    {
        var random = new Random(seed);
        Embedding = AttentionLayer.Uniform(vocabulary, modelWidth, 1.0, random);
        Attention = new AttentionLayer(modelWidth, heads, random);
        Readout = AttentionLayer.Uniform(modelWidth, vocabulary, Math.Sqrt(6.0 / (modelWidth + vocabulary)), random);
        ReadoutBias = new double[vocabulary];
        Causal = causal;
    }

    /// <summary>A model with the parameters you give it (used, not copied).</summary>
    public SequenceModel(Matrix embedding, AttentionLayer attention, Matrix readout, double[] readoutBias, bool causal)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(attention);
        ArgumentNullException.ThrowIfNull(readout);
        ArgumentNullException.ThrowIfNull(readoutBias);
        if (embedding.Cols != attention.ModelWidth || readout.Rows != attention.ModelWidth
            || readout.Cols != embedding.Rows || readoutBias.Length != embedding.Rows)
        {
            throw new ArgumentException(
                $"SequenceModel: the embedding ({embedding.Shape}), the attention layer (width {attention.ModelWidth}), the readout ({readout.Shape}) "
                + $"and its bias ({readoutBias.Length}) do not fit: they need Vocabulary x d, width d, d x Vocabulary and Vocabulary.",
                nameof(readout));
        }

        Embedding = embedding;
        Attention = attention;
        Readout = readout;
        ReadoutBias = readoutBias;
        Causal = causal;
    }

    /// <summary>The number of different tokens.</summary>
    public int Vocabulary => Embedding.Rows;

    /// <summary>d_model, the width of every token's row.</summary>
    public int ModelWidth => Embedding.Cols;

    /// <summary>Whether the attention layer uses the causal mask.</summary>
    public bool Causal { get; }

    /// <summary>E (Vocabulary x ModelWidth): row v is the learned vector of token v.</summary>
    public Matrix Embedding { get; }

    /// <summary>The self-attention layer.</summary>
    public AttentionLayer Attention { get; }

    /// <summary>W_r (ModelWidth x Vocabulary): turns each position's row into one score per token.</summary>
    public Matrix Readout { get; }

    /// <summary>b_r (Vocabulary numbers), added to every position's scores.</summary>
    public double[] ReadoutBias { get; }
}
