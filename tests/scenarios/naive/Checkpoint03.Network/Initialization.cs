namespace NeuralNet;

// A beginner's weight initialisation: uniform on [-limit, limit], row by row.
public static class Initialization
{
    public static Matrix RandomWeights(int fanIn, int fanOut, Activation activation, Random random)
    {
        double limit;
        if (activation == Activation.ReLU)
        {
            limit = Math.Sqrt(6.0 / fanIn);
        }
        else
        {
            limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        }

        Matrix weights = new Matrix(fanIn, fanOut);
        for (int i = 0; i < fanIn; i++)
        {
            for (int j = 0; j < fanOut; j++)
            {
                weights[i, j] = (2 * random.NextDouble() - 1) * limit;
            }
        }

        return weights;
    }
}
