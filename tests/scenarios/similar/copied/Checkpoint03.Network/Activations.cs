namespace NeuralNet;

public static partial class Activations
{
    public static Matrix Apply(Matrix input, Activation kind)
    {
        Matrix activated = new Matrix(input.Rows, input.Cols);
        for (int r = 0; r < input.Rows; r++)
            for (int c = 0; c < input.Cols; c++)
            {
                if (kind == Activation.ReLU)
                {
                    activated[r, c] = ReLU(input[r, c]);
                }
                else
                {
                    activated[r, c] = Sigmoid(input[r, c]);
                }
            }
        return activated;
    }

    public static double ReLU(double v)
    {
        if (v > 0) { return v; }
        return 0;
    }

    // numerically stable logistic function
    public static double Sigmoid(double v)
    {
        if (v < 0)
        {
            double ev = Math.Exp(v);
            return ev / (1 + ev);
        }
        return 1 / (1 + Math.Exp(-v));
    }
}
