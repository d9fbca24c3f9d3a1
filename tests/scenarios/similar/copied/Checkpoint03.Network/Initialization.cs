namespace NeuralNet;

public static class Initialization
{
    // He for ReLU, Glorot otherwise
    public static Matrix RandomWeights(int inputs, int outputs, Activation kind, Random rng)
    {
        double bound;
        if (kind == Activation.ReLU) { bound = Math.Sqrt(6.0 / inputs); }
        else { bound = Math.Sqrt(6.0 / (inputs + outputs)); }

        Matrix w = new Matrix(inputs, outputs);
        for (int r = 0; r < inputs; r++)
        {
            for (int c = 0; c < outputs; c++)
            {
                w[r, c] = (2 * rng.NextDouble() - 1) * bound;
            }
        }
        return w;
    }
}
