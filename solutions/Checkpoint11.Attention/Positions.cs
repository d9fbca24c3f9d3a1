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
        var pe = new Matrix(length, width);
        for (int t = 0; t < length; t++)
        {
            for (int i = 0; 2 * i < width; i++)
            {
                // Column pair (2i, 2i + 1) turns at the frequency ω_i: from 1 radian per position down to 1/10000.
                double omega = 1 / Math.Pow(10000, 2.0 * i / width);
                pe[t, 2 * i] = Math.Sin(t * omega);
                if ((2 * i) + 1 < width)
                {
                    pe[t, (2 * i) + 1] = Math.Cos(t * omega);
                }
            }
        }

        return pe;
    }
}
