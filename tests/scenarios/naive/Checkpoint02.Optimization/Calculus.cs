namespace NeuralNet;

// A beginner's checkpoint 2: a copy of x for every probe.
public static class Calculus
{
    public const double DefaultStep = 1e-5;

    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep)
    {
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    public static double[] NumericalGradient(Func<double[], double> f, double[] x, double h = DefaultStep)
    {
        double[] gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double[] up = (double[])x.Clone();
            up[i] = up[i] + h;
            double[] down = (double[])x.Clone();
            down[i] = down[i] - h;
            gradient[i] = (f(up) - f(down)) / (2 * h);
        }

        return gradient;
    }

    public static double[] GradientDescent(Func<double[], double> f, double[] x0, double learningRate, int steps)
    {
        double[] x = (double[])x0.Clone();
        for (int step = 0; step < steps; step++)
        {
            double[] gradient = NumericalGradient(f, x);
            double[] next = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                next[i] = x[i] - learningRate * gradient[i];
            }

            x = next;
        }

        return x;
    }
}
