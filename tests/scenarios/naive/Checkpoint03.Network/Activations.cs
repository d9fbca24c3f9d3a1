namespace NeuralNet;

// A beginner's checkpoint 3 activations.
public static partial class Activations
{
    public static double Sigmoid(double z)
    {
        if (z < 0)
        {
            double e = Math.Exp(z);
            return e / (1 + e);
        }

        return 1 / (1 + Math.Exp(-z));
    }

    public static double ReLU(double z)
    {
        if (z > 0)
        {
            return z;
        }

        return 0;
    }

    public static Matrix Apply(Matrix z, Activation activation)
    {
        Matrix result = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                if (activation == Activation.ReLU)
                {
                    result[i, j] = ReLU(z[i, j]);
                }
                else
                {
                    result[i, j] = Sigmoid(z[i, j]);
                }
            }
        }

        return result;
    }
}
