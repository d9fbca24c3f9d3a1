namespace Kata.Tests.Checkpoint06.HoldOut;

using Kata.TestSupport;
using Shouldly;

/// <summary>
/// The trusted reference of the hold-outs of checkpoints 6 to 8: a fully connected network written out
/// from its definition with plain loops and BCL math, no learner code. Layer l computes
/// z = a·W[l] + b[l]; hidden layers apply f (and, in training with dropout, multiply by their mask); the
/// loss is the mean cross-entropy of the softmax of the logits. It keeps its own copies of the
/// parameters, so a learner's method that changes the arrays it was given cannot change the reference.
/// </summary>
internal sealed class ReferenceMlp
{
    private readonly Func<double, double> _f;
    private readonly Func<double, double> _fPrime;

    private ReferenceMlp(Matrix[] weights, double[][] biases, Func<double, double> f, Func<double, double> fPrime)
    {
        Weights = [.. weights.Select(w => w.Clone())];
        Biases = [.. biases.Select(b => (double[])b.Clone())];
        _f = f;
        _fPrime = fPrime;
    }

    /// <summary>Weights[l], a copy of the reference's own.</summary>
    public Matrix[] Weights { get; }

    /// <summary>Biases[l], a copy of the reference's own.</summary>
    public double[][] Biases { get; }

    public int LayerCount => Weights.Length;

    public int[] Sizes => [Weights[0].Rows, .. Weights.Select(w => w.Cols)];

    /// <summary>A network of <paramref name="sizes"/> with weights drawn from ±scale/2 and biases from ±scale/4.</summary>
    public static ReferenceMlp Draw(Random random, int[] sizes, Func<double, double> f, Func<double, double> fPrime, double scale = 1.2)
    {
        var weights = new Matrix[sizes.Length - 1];
        var biases = new double[sizes.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = GradeTime.Matrix(random, sizes[l], sizes[l + 1], -scale / 2, scale / 2);
            biases[l] = GradeTime.Vector(random, sizes[l + 1], -scale / 4, scale / 4);
        }

        return new ReferenceMlp(weights, biases, f, fPrime);
    }

    /// <summary>Layer sizes: inputs, <paramref name="minHidden"/> to <paramref name="maxHidden"/> hidden layers, outputs (at least 2 classes).</summary>
    public static int[] DrawSizes(Random random, int maxHidden = 2, int maxWidth = 7, int minHidden = 1)
    {
        int hidden = GradeTime.Between(random, minHidden, maxHidden);
        return
        [
            GradeTime.Between(random, 1, maxWidth),
            .. Enumerable.Range(0, hidden).Select(_ => GradeTime.Between(random, 1, maxWidth)),
            GradeTime.Between(random, 2, 5),
        ];
    }

    /// <summary>n labels of <paramref name="classes"/> classes.</summary>
    public static int[] DrawLabels(Random random, int n, int classes) => [.. Enumerable.Range(0, n).Select(_ => random.Next(classes))];

    /// <summary>One mask per hidden layer: each entry 0 with probability p, else 1/(1 − p), drawn here.</summary>
    public static Matrix[] DrawMasks(Random random, int[] sizes, int samples, double p)
    {
        var masks = new Matrix[sizes.Length - 2];
        for (int l = 0; l < masks.Length; l++)
        {
            masks[l] = new Matrix(samples, sizes[l + 1]);
            for (int i = 0; i < masks[l].Data.Length; i++)
            {
                masks[l].Data[i] = random.NextDouble() < p ? 0.0 : 1.0 / (1.0 - p);
            }
        }

        return masks;
    }

    /// <summary>The learner's network with the same parameters (fresh arrays) and the given hidden activation.</summary>
    public Network ToNetwork(ActivationFunction activation) =>
        new([.. Weights.Select(w => w.Clone())], [.. Biases.Select(b => (double[])b.Clone())], activation);

    /// <summary>The logits of <paramref name="x"/>, the hidden activations multiplied by <paramref name="masks"/> when given.</summary>
    public Matrix Logits(Matrix x, Matrix[]? masks = null) => Pass(x, masks).A[^1];

    /// <summary>The mean cross-entropy of the batch and its gradient with respect to every weight and bias.</summary>
    public Gradients Backward(Matrix x, int[] labels, Matrix[]? masks = null)
    {
        (Matrix[] a, Matrix[] z) = Pass(x, masks);
        Matrix logits = a[^1];
        int n = x.Rows;
        double loss = CrossEntropy(logits, labels);

        // ∂loss/∂logits = (softmax − one-hot) / n.
        var delta = new Matrix(n, logits.Cols);
        for (int i = 0; i < n; i++)
        {
            double max = Enumerable.Range(0, logits.Cols).Max(j => logits[i, j]);
            double sum = Enumerable.Range(0, logits.Cols).Sum(j => Math.Exp(logits[i, j] - max));
            for (int j = 0; j < logits.Cols; j++)
            {
                delta[i, j] = ((Math.Exp(logits[i, j] - max) / sum) - (j == labels[i] ? 1 : 0)) / n;
            }
        }

        var dW = new Matrix[LayerCount];
        var dB = new double[LayerCount][];
        for (int l = LayerCount - 1; l >= 0; l--)
        {
            Matrix input = a[l];
            dW[l] = new Matrix(Weights[l].Rows, Weights[l].Cols);
            dB[l] = new double[Weights[l].Cols];
            for (int j = 0; j < Weights[l].Cols; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    dB[l][j] += delta[i, j];
                }

                for (int k = 0; k < Weights[l].Rows; k++)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        s += input[i, k] * delta[i, j];
                    }

                    dW[l][k, j] = s;
                }
            }

            if (l > 0)
            {
                // a[l] = f(z[l − 1]) ⊙ mask: back through the weights, the mask and f′.
                var previous = new Matrix(n, Weights[l].Rows);
                for (int i = 0; i < n; i++)
                {
                    for (int k = 0; k < Weights[l].Rows; k++)
                    {
                        double s = 0;
                        for (int j = 0; j < Weights[l].Cols; j++)
                        {
                            s += delta[i, j] * Weights[l][k, j];
                        }

                        double keep = masks is null ? 1.0 : masks[l - 1][i, k];
                        previous[i, k] = s * keep * _fPrime(z[l - 1][i, k]);
                    }
                }

                delta = previous;
            }
        }

        return new Gradients(loss, dW, dB);
    }

    /// <summary>Plain gradient descent on the reference's own parameters: p ← p − η·g.</summary>
    public void ApplyReferenceStep(Gradients gradients, double learningRate)
    {
        for (int l = 0; l < LayerCount; l++)
        {
            for (int i = 0; i < Weights[l].Data.Length; i++)
            {
                Weights[l].Data[i] -= learningRate * gradients.Weights[l].Data[i];
            }

            for (int j = 0; j < Biases[l].Length; j++)
            {
                Biases[l][j] -= learningRate * gradients.Biases[l][j];
            }
        }
    }

    /// <summary>Asserts that <paramref name="network"/> holds the reference's parameters, entry by entry.</summary>
    public void ShouldMatchParametersOf(Network network, double tolerance, string when)
    {
        network.LayerCount.ShouldBe(LayerCount, when);
        for (int l = 0; l < LayerCount; l++)
        {
            network.Weights[l].ShouldMatch(Weights[l], tolerance, $"the weights of layer {l} {when}");
            network.Biases[l].ShouldBe(Biases[l], tolerance, $"the biases of layer {l} {when}");
        }
    }

    /// <summary>The mean over rows of log Σ_j e^z[i, j] − z[i, label], with each row's maximum taken out first.</summary>
    public static double CrossEntropy(Matrix logits, int[] labels)
    {
        double total = 0;
        for (int i = 0; i < logits.Rows; i++)
        {
            double max = Enumerable.Range(0, logits.Cols).Max(j => logits[i, j]);
            double logSum = max + Math.Log(Enumerable.Range(0, logits.Cols).Sum(j => Math.Exp(logits[i, j] - max)));
            total += logSum - logits[i, labels[i]];
        }

        return total / logits.Rows;
    }

    /// <summary>Asserts that <paramref name="actual"/> is <paramref name="expected"/>: the loss and every gradient.</summary>
    public static void ShouldMatch(Gradients actual, Gradients expected, double tolerance, string what)
    {
        actual.ShouldNotBeNull(what);
        actual.Loss.ShouldBe(expected.Loss, tolerance * Math.Max(1, Math.Abs(expected.Loss)), $"the loss of {what}");
        actual.Weights.Length.ShouldBe(expected.Weights.Length, $"one weight gradient per layer of {what}");
        actual.Biases.Length.ShouldBe(expected.Biases.Length, $"one bias gradient per layer of {what}");
        for (int l = 0; l < expected.Weights.Length; l++)
        {
            actual.Weights[l].ShouldMatch(expected.Weights[l], tolerance, $"the weight gradient of layer {l} of {what}");
            actual.Biases[l].ShouldBe(expected.Biases[l], tolerance, $"the bias gradient of layer {l} of {what}");
        }
    }

    // Every layer's input a[l] (a[^1] is the logits) and every weighted sum z[l].
    private (Matrix[] A, Matrix[] Z) Pass(Matrix x, Matrix[]? masks)
    {
        var a = new Matrix[LayerCount + 1];
        var z = new Matrix[LayerCount];
        a[0] = x;
        for (int l = 0; l < LayerCount; l++)
        {
            Matrix w = Weights[l];
            z[l] = new Matrix(x.Rows, w.Cols);
            a[l + 1] = new Matrix(x.Rows, w.Cols);
            for (int i = 0; i < x.Rows; i++)
            {
                for (int j = 0; j < w.Cols; j++)
                {
                    double s = Biases[l][j];
                    for (int k = 0; k < w.Rows; k++)
                    {
                        s += a[l][i, k] * w[k, j];
                    }

                    z[l][i, j] = s;
                    bool hidden = l < LayerCount - 1;
                    a[l + 1][i, j] = !hidden ? s : _f(s) * (masks is null ? 1.0 : masks[l][i, j]);
                }
            }
        }

        return (a, z);
    }
}

/// <summary>A hidden activation for the reference and the same one for the learner's network.</summary>
/// <param name="Name">How a message names it.</param>
/// <param name="ForNetwork">What the learner's network carries.</param>
/// <param name="F">f, written in the test.</param>
/// <param name="FPrime">f′, written in the test.</param>
internal sealed record Hidden(string Name, ActivationFunction ForNetwork, Func<double, double> F, Func<double, double> FPrime)
{
    /// <summary>Checkpoint 3's sigmoid (the learner's code in the network), 1 / (1 + e^−z) in the reference.</summary>
    public static Hidden Sigmoid { get; } = new("Sigmoid", Activation.Sigmoid, Logistic, z => Logistic(z) * (1 - Logistic(z)));

    /// <summary>Checkpoint 3's ReLU (the learner's code in the network), max(0, z) in the reference.</summary>
    public static Hidden ReLU { get; } = new("ReLU", Activation.ReLU, z => z > 0 ? z : 0, z => z > 0 ? 1 : 0);

    /// <summary>Sigmoid or ReLU, drawn.</summary>
    public static Hidden Draw(Random random) => random.Next(2) == 0 ? Sigmoid : ReLU;

    public override string ToString() => Name;

    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));
}
