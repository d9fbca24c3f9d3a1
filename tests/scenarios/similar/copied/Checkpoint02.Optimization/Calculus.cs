namespace NeuralNet;

public static class Calculus
{
    public const double DefaultStep = 1e-5;

    // descend along the numerical gradient
    public static double[] GradientDescent(Func<double[], double> loss, double[] start, double learningRate, int steps)
    {
        double[] point = (double[])start.Clone();
        for (int s = 0; s < steps; s++)
        {
            double[] g = NumericalGradient(loss, point);
            double[] moved = new double[point.Length];
            for (int n = 0; n < point.Length; n++)
            {
                moved[n] = point[n] - learningRate * g[n];
            }
            point = moved;
        }
        return point;
    }

    // central differences, one coordinate at a time
    public static double[] NumericalGradient(Func<double[], double> loss, double[] point, double step = DefaultStep)
    {
        double[] g = new double[point.Length];
        for (int n = 0; n < point.Length; n++)
        {
            double[] plus = (double[])point.Clone();
            plus[n] = plus[n] + step;
            double[] minus = (double[])point.Clone();
            minus[n] = minus[n] - step;
            g[n] = (loss(plus) - loss(minus)) / (2 * step);
        }
        return g;
    }

    public static double Derivative(Func<double, double> fn, double at, double step = DefaultStep) =>
        (fn(at + step) - fn(at - step)) / (2 * step);
}
