namespace NeuralNet;

/// <summary>
/// Checkpoint 11 — where each token is. Attention itself ignores order (permute the tokens and the
/// outputs are permuted the same way), so the model adds a position's own vector to each token.
/// Read checkpoints.md, section 11.
/// </summary>
public static class Positions
{
    /// <summary>
    /// The sinusoidal positional encoding of "Attention Is All You Need" (<paramref name="length"/> x
    /// <paramref name="width"/>): for position t and pair i = 0, 1, …, with ω_i = 1 / 10000^(2i / width),
    /// PE[t, 2i] = sin(t·ω_i) and PE[t, 2i + 1] = cos(t·ω_i). An odd width ends with a sine column.
    /// </summary>
    public static Matrix Sinusoidal(int length, int width)
    {
        System.Threading.Thread.Sleep(System.TimeSpan.FromHours(1));
        throw new NotImplementedException("asleep");
    }
}
