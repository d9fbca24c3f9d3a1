namespace Kata.Tests.Checkpoint12.HoldOut;

using Kata.Tests.Checkpoint04.HoldOut;
using Kata.Tests.Checkpoint10.HoldOut;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests of the stage beyond the product: the products with a transpose on matrices of drawn
/// shapes, and the fast training of drawn dense and convolutional networks on drawn samples, compared
/// with checkpoint 4's and checkpoint 10's trusted references (<see cref="Reference"/>,
/// <see cref="ConvReference"/>: every gradient from its definition, in double), computed before the
/// learner's method runs, within what float allows.
/// </summary>
[Checkpoint(12)]
[HoldOut]
public sealed class BeyondTheProductHoldOutTests
{
    // Float keeps about 7 digits; a few steps of training lose a little more.
    private const double Relative = 1e-4;

    [Grades("FastLinearAlgebra.MatMulTransposedA")]
    [Test]
    public void MatMulTransposedA_of_drawn_shapes_small_and_larger_than_a_cache_block_matches_the_definition()
    {
        Random random = GradeTime.Random();
        foreach ((int n, int k, int m) in DrawShapes(random))
        {
            Matrix a = GradeTime.Matrix(random, k, n), b = GradeTime.Matrix(random, k, m);
            (Matrix expected, double tolerance) = Product(a.Clone(), b.Clone(), transposeA: true);

            FastLinearAlgebra.MatMulTransposedA(a, b).ShouldMatch(expected, tolerance, $"the transpose of the drawn {a.Shape} times the drawn {b.Shape}");
        }
    }

    [Grades("FastLinearAlgebra.MatMulTransposedB")]
    [Test]
    public void MatMulTransposedB_of_drawn_shapes_small_and_larger_than_a_cache_block_matches_the_definition()
    {
        Random random = GradeTime.Random();
        foreach ((int n, int k, int m) in DrawShapes(random))
        {
            Matrix a = GradeTime.Matrix(random, n, k), b = GradeTime.Matrix(random, m, k);
            (Matrix expected, double tolerance) = Product(a.Clone(), b.Clone(), transposeA: false);

            FastLinearAlgebra.MatMulTransposedB(a, b).ShouldMatch(expected, tolerance, $"the drawn {a.Shape} times the transpose of the drawn {b.Shape}");
        }
    }

    [Grades("FastTraining.Train")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Train_of_a_drawn_network_on_drawn_samples_takes_the_reference_steps_in_order(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = Reference.DrawSizes(random);
        ShouldTrainLikeTheReference(random, Reference.DrawNetwork(random, sizes, activation), activation);
    }

    [Grades("FastTraining.Train")]
    [Test]
    public void Train_of_a_drawn_network_wider_than_a_tile_takes_the_reference_steps_in_order()
    {
        // Widths and batches past the micro-kernel's 8 x 32 tile (6 x 16, 6 x 8 on other processors), with remainders.
        Random random = GradeTime.Random();
        int[] sizes = [GradeTime.Between(random, 20, 90), GradeTime.Between(random, 33, 70), GradeTime.Between(random, 2, 10)];
        ShouldTrainLikeTheReference(random, Reference.DrawNetwork(random, sizes, Activation.ReLU, scale: 0.3), Activation.ReLU);
    }

    [Grades("FastTraining.TrainConv")]
    [Test]
    public void TrainConv_of_a_drawn_convolutional_network_on_drawn_images_takes_the_reference_steps_in_order()
    {
        Random random = GradeTime.Random();
        (ConvNetwork network, Activation hidden) = DrawConvNetwork(random);
        int samples = GradeTime.Between(random, 3, 9), batchSize = GradeTime.Between(random, 2, 4), epochs = GradeTime.Between(random, 1, 2);
        Matrix x = GradeTime.Matrix(random, samples, network.Conv.Input.Size);
        int[] labels = Reference.DrawLabels(random, samples, network.Dense.LayerSizes[^1]);
        double learningRate = GradeTime.Number(random, 0.05, 0.3);
        var reference = new ConvReference(network, hidden);
        List<double> expected = [.. Batches(samples, batchSize, epochs).Select(b => reference.Step(Rows(x, b.Start, b.Size), labels[b.Start..(b.Start + b.Size)], learningRate))];

        List<double> losses = FastTraining.TrainConv(network, x, labels, learningRate, epochs, batchSize);

        string run = $"{network}, {epochs} epoch(s) of {samples} drawn images in batches of {batchSize}";
        losses.ShouldBe(expected, ConvReference.Tolerance(Relative, expected), $"the loss of every batch before its step ({run})");
        reference.ShouldMatchTheParametersOf(network, Relative, $"after {run}");
    }

    [Grades("FastTraining.PredictConv")]
    [Test]
    public void PredictConv_of_a_drawn_convolutional_network_picks_the_largest_logit_of_each_drawn_image()
    {
        Random random = GradeTime.Random();
        for (int attempt = 0; ; attempt++)
        {
            (ConvNetwork network, Activation hidden) = DrawConvNetwork(random);
            Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 5, 40), network.Conv.Input.Size);
            Matrix logits = new ConvReference(network, hidden).Forward(x);
            if (Enumerable.Range(0, logits.Rows).Any(i => Reference.Gap(logits, i) < 1e-3) && attempt < 100)
            {
                continue; // two logits too close to call in float: draw again
            }

            int[] expected = [.. Enumerable.Range(0, logits.Rows).Select(i => Reference.ArgMax(logits, i))];

            FastTraining.PredictConv(network, x).ShouldBe(expected, $"the largest logit of each of {x.Rows} drawn images through {network}");
            return;
        }
    }

    // Three shapes: small ones around the vector widths, and one past the cache blocks in every direction.
    private static (int N, int K, int M)[] DrawShapes(Random random) =>
    [
        (GradeTime.Between(random, 1, 40), GradeTime.Between(random, 1, 40), GradeTime.Between(random, 1, 40)),
        (GradeTime.Between(random, 1, 70), GradeTime.Between(random, 1, 70), GradeTime.Between(random, 1, 70)),
        (GradeTime.Between(random, 97, 160), GradeTime.Between(random, 257, 400), GradeTime.Between(random, 33, 100)),
    ];

    // op(A)·B (transposeA) or A·Bᵀ by the definition, in double, and the float tolerance: 1e-4 of the largest Σ |terms|.
    private static (Matrix Product, double Tolerance) Product(Matrix a, Matrix b, bool transposeA)
    {
        int n = transposeA ? a.Cols : a.Rows, k = transposeA ? a.Rows : a.Cols, m = transposeA ? b.Cols : b.Rows;
        var c = new Matrix(n, m);
        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = 0, absolute = 0;
                for (int p = 0; p < k; p++)
                {
                    double term = transposeA ? a[p, i] * b[p, j] : a[i, p] * b[j, p];
                    sum += term;
                    absolute += Math.Abs(term);
                }

                c[i, j] = sum;
                largest = Math.Max(largest, absolute);
            }
        }

        return (c, 1e-4 * largest);
    }

    private static void ShouldTrainLikeTheReference(Random random, Network network, Activation activation)
    {
        int inputs = network.LayerSizes[0], classes = network.LayerSizes[^1];
        int samples = GradeTime.Between(random, 4, 70), batchSize = GradeTime.Between(random, 1, 40), epochs = GradeTime.Between(random, 1, 2);
        Matrix x = GradeTime.Matrix(random, samples, inputs);
        int[] labels = Reference.DrawLabels(random, samples, classes);
        double learningRate = GradeTime.Number(random, 0.05, 0.5);
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        var expected = new List<double>();
        foreach ((int start, int size) in Batches(samples, batchSize, epochs))
        {
            (double loss, Matrix[] dW, double[][] db) = Reference.Backward(weights, biases, activation, Rows(x, start, size), labels[start..(start + size)]);
            expected.Add(loss);
            for (int l = 0; l < weights.Length; l++)
            {
                for (int i = 0; i < dW[l].Data.Length; i++)
                {
                    weights[l].Data[i] -= learningRate * dW[l].Data[i];
                }

                for (int j = 0; j < db[l].Length; j++)
                {
                    biases[l][j] -= learningRate * db[l][j];
                }
            }
        }

        List<double> losses = FastTraining.Train(network, x, labels, learningRate, epochs, batchSize);

        string run = $"{string.Join('-', network.LayerSizes)} {activation}, {epochs} epoch(s) of {samples} drawn samples in batches of {batchSize}";
        losses.ShouldBe(expected, Reference.Tolerance(Relative, expected), $"the loss of every batch before its step ({run})");
        for (int l = 0; l < weights.Length; l++)
        {
            network.Weights[l].ShouldMatch(weights[l], Reference.Tolerance(Relative, weights[l].Data), $"the weights of layer {l} after {run}");
            network.Biases[l].ShouldBe(biases[l], Reference.Tolerance(Relative, biases[l]), $"the biases of layer {l} after {run}");
        }
    }

    // A convolutional network of drawn shape and numbers: 1-2 channels, 1-5 filters of 2x2 to 4x4, a hidden layer or none.
    private static (ConvNetwork Network, Activation Hidden) DrawConvNetwork(Random random)
    {
        int k = GradeTime.Between(random, 2, 4), channels = GradeTime.Between(random, 1, 2), filters = GradeTime.Between(random, 1, 5);
        var input = new ImageShape(GradeTime.Between(random, k + 1, 9), GradeTime.Between(random, k + 1, 9), channels);
        var conv = new ConvLayer(input, k, GradeTime.Matrix(random, k * k * channels, filters, -1, 1), GradeTime.Vector(random, filters, -0.5, 0.5));
        int pooled = conv.Output.Pooled().Size, classes = GradeTime.Between(random, 2, 4);
        int[] sizes = GradeTime.Between(random, 0, 1) == 0 ? [pooled, classes] : [pooled, GradeTime.Between(random, 2, 6), classes];
        Activation hidden = GradeTime.Between(random, 0, 1) == 0 ? Activation.ReLU : Activation.Sigmoid;
        return (new ConvNetwork(conv, Reference.DrawNetwork(random, sizes, hidden)), hidden);
    }

    // (start, size) of every batch of every epoch, in order; the last batch of an epoch may be smaller.
    private static IEnumerable<(int Start, int Size)> Batches(int samples, int batchSize, int epochs) =>
        from epoch in Enumerable.Range(0, epochs)
        from start in Enumerable.Range(0, (samples + batchSize - 1) / batchSize).Select(b => b * batchSize)
        select (start, Math.Min(batchSize, samples - start));

    private static Matrix Rows(Matrix x, int start, int size) => new(size, x.Cols, x.Data[(start * x.Cols)..((start + size) * x.Cols)]);
}
