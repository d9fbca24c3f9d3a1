namespace Kata.Tests.Checkpoint04.HoldOut;

using Kata.TestSupport;

/// <summary>
/// The trusted side of checkpoint 4's hold-outs: the forward pass, softmax, cross-entropy and
/// backpropagation written out from their definitions with plain loops and BCL math. It calls no learner
/// code (not even checkpoints 1–3: Matrix is provided), so an expected value never depends on what is
/// graded. Also the draws the hold-outs share: small networks, batches and labels.
/// </summary>
internal static class Reference
{
    /// <summary>σ(z), computed on the side where e^x cannot overflow.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>σ'(z) = σ(z)·(1 − σ(z)).</summary>
    public static double SigmoidDerivative(double z)
    {
        double s = Sigmoid(z);
        return s * (1 - s);
    }

    /// <summary>An activation and its derivative: Sigmoid and ReLU from their definitions, any other as it was given.</summary>
    public static (Func<double, double> Function, Func<double, double> Derivative) Of(ActivationFunction activation) =>
        activation.BuiltIn switch
        {
            Activation.Sigmoid => (Sigmoid, SigmoidDerivative),
            Activation.ReLU => (z => Math.Max(0, z), z => z > 0 ? 1 : 0),
            _ => (activation.Function!, activation.Derivative!),
        };

    /// <summary>
    /// Layer sizes with 0 to <paramref name="maxHiddenLayers"/> hidden layers: 1–6 inputs, 2–7 neurons per
    /// hidden layer, 2–5 classes.
    /// </summary>
    public static int[] DrawSizes(Random random, int maxHiddenLayers = 2)
    {
        var sizes = new int[GradeTime.Between(random, 0, maxHiddenLayers) + 2];
        sizes[0] = GradeTime.Between(random, 1, 6);
        for (int l = 1; l < sizes.Length - 1; l++)
        {
            sizes[l] = GradeTime.Between(random, 2, 7);
        }

        sizes[^1] = GradeTime.Between(random, 2, 5);
        return sizes;
    }

    /// <summary>A network of <paramref name="sizes"/> with weights drawn from [−scale, scale) and biases from [−scale/2, scale/2).</summary>
    public static Network DrawNetwork(Random random, int[] sizes, ActivationFunction activation, double scale = 1)
    {
        var weights = new Matrix[sizes.Length - 1];
        var biases = new double[sizes.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = GradeTime.Matrix(random, sizes[l], sizes[l + 1], -scale, scale);
            biases[l] = GradeTime.Vector(random, sizes[l + 1], -scale / 2, scale / 2);
        }

        return new Network(weights, biases, activation);
    }

    /// <summary>n labels drawn from 0 to classes − 1.</summary>
    public static int[] DrawLabels(Random random, int n, int classes) =>
        [.. Enumerable.Range(0, n).Select(_ => GradeTime.Between(random, 0, classes - 1))];

    /// <summary>Copies of the network's weights and biases: what it held before the learner's code ran.</summary>
    public static (Matrix[] Weights, double[][] Biases) Parameters(Network network) =>
        ([.. network.Weights.Select(w => w.Clone())], [.. network.Biases.Select(b => (double[])b.Clone())]);

    /// <summary>
    /// The forward pass from its definition: Inputs[l] is the input of layer l (Inputs[0] = x) and Sums[l]
    /// its weighted sums z = a·W + b; hidden layers apply <paramref name="f"/>, and Sums[^1] are the logits.
    /// </summary>
    public static (Matrix[] Inputs, Matrix[] Sums) Forward(Matrix[] weights, double[][] biases, Func<double, double> f, Matrix x)
    {
        var inputs = new Matrix[weights.Length];
        var sums = new Matrix[weights.Length];
        Matrix a = x;
        for (int l = 0; l < weights.Length; l++)
        {
            inputs[l] = a;
            Matrix w = weights[l];
            var z = new Matrix(a.Rows, w.Cols);
            for (int i = 0; i < a.Rows; i++)
            {
                for (int j = 0; j < w.Cols; j++)
                {
                    double sum = biases[l][j];
                    for (int k = 0; k < a.Cols; k++)
                    {
                        sum += a[i, k] * w[k, j];
                    }

                    z[i, j] = sum;
                }
            }

            sums[l] = z;
            if (l < weights.Length - 1)
            {
                a = Map(z, f);
            }
        }

        return (inputs, sums);
    }

    /// <summary>The logits of <paramref name="x"/> for the given parameters.</summary>
    public static Matrix Logits(Matrix[] weights, double[][] biases, ActivationFunction activation, Matrix x) =>
        Forward(weights, biases, Of(activation).Function, x).Sums[^1];

    /// <summary>A new matrix with f applied to every entry.</summary>
    public static Matrix Map(Matrix z, Func<double, double> f) => new(z.Rows, z.Cols, [.. z.Data.Select(f)]);

    /// <summary>The largest entry of a row.</summary>
    public static double RowMax(Matrix z, int row) => Enumerable.Range(0, z.Cols).Max(j => z[row, j]);

    /// <summary>log Σ_k e^z[row, k], shifted by the row's own maximum so that nothing overflows.</summary>
    public static double LogSumExp(Matrix z, int row)
    {
        double max = RowMax(z, row);
        return max + Math.Log(Enumerable.Range(0, z.Cols).Sum(k => Math.Exp(z[row, k] - max)));
    }

    /// <summary>p[i, j] = e^(z[i, j] − m_i) / Σ_k e^(z[i, k] − m_i), m_i the maximum of row i.</summary>
    public static Matrix Softmax(Matrix z)
    {
        var p = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            double max = RowMax(z, i);
            double sum = Enumerable.Range(0, z.Cols).Sum(k => Math.Exp(z[i, k] - max));
            for (int j = 0; j < z.Cols; j++)
            {
                p[i, j] = Math.Exp(z[i, j] - max) / sum;
            }
        }

        return p;
    }

    /// <summary>(1/n) Σ_i (log-sum-exp of row i − z[i, labels[i]]).</summary>
    public static double CrossEntropy(Matrix z, int[] labels) =>
        Enumerable.Range(0, z.Rows).Sum(i => LogSumExp(z, i) - z[i, labels[i]]) / z.Rows;

    /// <summary>(softmax − one-hot labels) / n.</summary>
    public static Matrix CrossEntropyGradient(Matrix z, int[] labels)
    {
        Matrix p = Softmax(z);
        var gradient = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                gradient[i, j] = (p[i, j] - (j == labels[i] ? 1 : 0)) / z.Rows;
            }
        }

        return gradient;
    }

    /// <summary>
    /// Backpropagation from the chain rule: delta = ∂loss/∂z, (softmax − one-hot) / n at the output;
    /// ∂loss/∂W[l] = a[l]ᵀ·delta, ∂loss/∂b[l] = the column sums of delta; then back through W[l] and the
    /// activation's derivative at z[l − 1].
    /// </summary>
    public static (double Loss, Matrix[] Weights, double[][] Biases) Backward(
        Matrix[] weights, double[][] biases, ActivationFunction activation, Matrix x, int[] labels)
    {
        (Func<double, double> f, Func<double, double> derivative) = Of(activation);
        (Matrix[] inputs, Matrix[] sums) = Forward(weights, biases, f, x);
        int layers = weights.Length, n = x.Rows;
        var dW = new Matrix[layers];
        var db = new double[layers][];
        Matrix delta = CrossEntropyGradient(sums[^1], labels);
        for (int l = layers - 1; l >= 0; l--)
        {
            Matrix a = inputs[l];
            dW[l] = new Matrix(a.Cols, delta.Cols);
            db[l] = new double[delta.Cols];
            for (int j = 0; j < delta.Cols; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    db[l][j] += delta[i, j];
                    for (int p = 0; p < a.Cols; p++)
                    {
                        dW[l][p, j] += a[i, p] * delta[i, j];
                    }
                }
            }

            if (l > 0)
            {
                var back = new Matrix(n, a.Cols);
                for (int i = 0; i < n; i++)
                {
                    for (int p = 0; p < a.Cols; p++)
                    {
                        double sum = 0;
                        for (int j = 0; j < delta.Cols; j++)
                        {
                            sum += delta[i, j] * weights[l][p, j];
                        }

                        back[i, p] = sum * derivative(sums[l - 1][i, p]);
                    }
                }

                delta = back;
            }
        }

        return (CrossEntropy(sums[^1], labels), dW, db);
    }

    /// <summary>The column of the largest entry of a row, the first of equal ones.</summary>
    public static int ArgMax(Matrix z, int row)
    {
        int best = 0;
        for (int j = 1; j < z.Cols; j++)
        {
            if (z[row, j] > z[row, best])
            {
                best = j;
            }
        }

        return best;
    }

    /// <summary>How far the largest entry of a row stands above the next one (0 for a tie; infinity for one column).</summary>
    public static double Gap(Matrix z, int row)
    {
        double[] sorted = [.. Enumerable.Range(0, z.Cols).Select(j => z[row, j]).OrderDescending()];
        return sorted.Length == 1 ? double.PositiveInfinity : sorted[0] - sorted[1];
    }

    /// <summary>A tolerance relative to the size of the expected values, never below <paramref name="relative"/> itself.</summary>
    public static double Tolerance(double relative, IEnumerable<double> expected) =>
        relative * Math.Max(1, expected.Max(Math.Abs));
}
