namespace Kata.Tests.Checkpoint03.HoldOut;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 3: points, matrices, seeds, shapes, architectures and weights drawn at
/// grade time (<see cref="GradeTime"/>: a seed of the submission's own), with the expected value worked out
/// here (BCL math, plain loops) before the learner's method is called. The fixed cases use architectures
/// and activations the visible tests do not.
/// </summary>
[Checkpoint(3)]
[HoldOut]
public sealed class NetworkHoldOutTests
{
    [Grades("Activations.Sigmoid")]
    [Test]
    public void Sigmoid_of_drawn_inputs_matches_one_over_one_plus_e_to_the_minus_z()
    {
        Random random = GradeTime.Random();
        double[] z = GradeTime.Vector(random, 200, -30, 30);
        double[] expected = [.. z.Select(v => 1 / (1 + Math.Exp(-v)))];

        for (int i = 0; i < z.Length; i++)
        {
            Activations.Sigmoid(z[i]).ShouldBe(expected[i], 1e-12, $"Sigmoid({z[i]})");
        }
    }

    [Grades("Activations.Sigmoid")]
    [Test]
    public void Sigmoid_of_drawn_large_inputs_is_at_its_limit_and_never_NaN()
    {
        Random random = GradeTime.Random();
        for (int i = 0; i < 50; i++)
        {
            // |z| from 40 to 1000 on either side: e^(−40) ≈ 4e-18, so σ is 0 or 1 to within 1e-12.
            double z = GradeTime.Number(random, 40, 1000) * (random.Next(2) == 0 ? -1 : 1);
            double limit = z > 0 ? 1.0 : 0.0;

            double s = Activations.Sigmoid(z);

            double.IsNaN(s).ShouldBeFalse($"Sigmoid({z}) returned NaN");
            s.ShouldBe(limit, 1e-12, $"Sigmoid({z})");
        }
    }

    [Grades("Activations.ReLU")]
    [Test]
    public void ReLU_of_drawn_inputs_of_every_size_zeroes_negatives_and_keeps_positives()
    {
        Random random = GradeTime.Random();
        for (int i = 0; i < 200; i++)
        {
            // Magnitudes from 1e-4 to 1e4, either sign: never exactly 0, the kink.
            double z = Math.Pow(10, GradeTime.Number(random, -4, 4)) * (random.Next(2) == 0 ? -1 : 1);
            double expected = z > 0 ? z : 0.0;

            Activations.ReLU(z).ShouldBe(expected, 0.0, $"ReLU({z})");
        }
    }

    [Grades("Activations.Apply")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Apply_to_a_drawn_matrix_applies_the_activation_to_every_entry_into_a_new_matrix(Activation activation)
    {
        Random random = GradeTime.Random();
        Matrix z = GradeTime.Matrix(random, GradeTime.Between(random, 1, 9), GradeTime.Between(random, 1, 9), -8, 8);
        Matrix before = z.Clone();
        var expected = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                expected[i, j] = Reference(activation, z[i, j]);
            }
        }

        Matrix result = Activations.Apply(z, activation);

        result.ShouldMatch(expected, 1e-12, $"{activation} on every entry of the drawn {z.Shape} matrix");
        result.ShouldNotBeSameAs(z, "Apply should return a new matrix, not its argument");
        z.ShouldMatch(before, 0.0, "Apply changed its argument");
    }

    [Grades("Initialization.RandomWeights")]
    [Test]
    public void A_sigmoid_network_starts_with_weights_of_the_Xavier_scale()
    {
        var network = new Network([200, 50, 10], seed: 4001, Activation.Sigmoid);

        for (int l = 0; l < network.LayerCount; l++)
        {
            double expected = Math.Sqrt(2.0 / (network.LayerSizes[l] + network.LayerSizes[l + 1]));
            double rms = Math.Sqrt(network.Weights[l].Data.Average(w => w * w));
            rms.ShouldBe(expected, 0.15 * expected, $"root-mean-square weight of layer {l} (Xavier scale for sigmoid)");
        }
    }

    [Grades("Initialization.RandomWeights")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void RandomWeights_of_a_drawn_shape_and_seed_have_the_shape_mean_and_variance_of_the_contract(Activation activation)
    {
        Random random = GradeTime.Random();
        int fanIn = GradeTime.Between(random, 150, 400), fanOut = GradeTime.Between(random, fanIn / 2, 400);
        int seed = random.Next();
        int n = fanIn * fanOut; // at least 11,250 weights

        // He: 2 / fanIn; Xavier: 2 / (fanIn + fanOut). fanOut ≥ fanIn / 2 keeps the two at least 1.5 times apart.
        double variance = activation == Activation.ReLU ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);

        Matrix w = Initialization.RandomWeights(fanIn, fanOut, activation, new Random(seed));

        w.ShouldHaveShape(fanIn, fanOut);
        double mean = w.Data.Average();
        double sampleVariance = w.Data.Sum(x => (x - mean) * (x - mean)) / n;

        // The sample mean's standard error is σ/√n: 6 of them. The sample variance is within about √(2/n)
        // (a normal distribution; √(0.8/n) for a uniform one) of the variance, at most 1.3%: allow 10%.
        mean.ShouldBe(0.0, 6 * Math.Sqrt(variance / n), $"the mean of the {fanIn}x{fanOut} weights for {activation} (seed {seed})");
        sampleVariance.ShouldBe(
            variance,
            0.1 * variance,
            $"the variance of the {fanIn}x{fanOut} weights for {activation} (seed {seed}): "
            + (activation == Activation.ReLU ? "He, 2 / fanIn" : "Xavier, 2 / (fanIn + fanOut)"));
        w.Data.Distinct().Count().ShouldBeGreaterThan(n * 9 / 10, "nearly every weight should differ from the others");
    }

    [Grades("Initialization.RandomWeights")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void RandomWeights_from_a_drawn_seed_are_the_same_for_the_same_seed_and_differ_for_another(Activation activation)
    {
        Random random = GradeTime.Random();
        int fanIn = GradeTime.Between(random, 1, 20), fanOut = GradeTime.Between(random, 1, 20);
        int seed = random.Next(int.MaxValue - 1);

        Matrix first = Initialization.RandomWeights(fanIn, fanOut, activation, new Random(seed));
        Matrix again = Initialization.RandomWeights(fanIn, fanOut, activation, new Random(seed));
        Matrix other = Initialization.RandomWeights(fanIn, fanOut, activation, new Random(seed + 1));

        first.ShouldHaveShape(fanIn, fanOut);
        again.ShouldMatch(first, 0.0, $"two generators with seed {seed} must give the same {fanIn}x{fanOut} weights");
        first.Data.SequenceEqual(other.Data).ShouldBeFalse($"seeds {seed} and {seed + 1} gave identical weights: draw every number from the generator given");
    }

    [Grades("Initialization.RandomWeights")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void A_network_of_drawn_sizes_and_seed_starts_every_layer_at_the_scale_of_its_activation(Activation activation)
    {
        Random random = GradeTime.Random();
        // Every layer has at least 40 x 50 = 2,000 weights: the root-mean-square is within a few percent.
        int[] sizes = [GradeTime.Between(random, 100, 300), GradeTime.Between(random, 40, 80), GradeTime.Between(random, 50, 80)];
        int seed = random.Next();

        var network = new Network(sizes, seed, activation);

        network.Weights.Length.ShouldBe(2);
        for (int l = 0; l < 2; l++)
        {
            network.Weights[l].ShouldHaveShape(sizes[l], sizes[l + 1]);
            double expected = Math.Sqrt(activation == Activation.ReLU ? 2.0 / sizes[l] : 2.0 / (sizes[l] + sizes[l + 1]));
            double rms = Math.Sqrt(network.Weights[l].Data.Average(w => w * w));
            rms.ShouldBe(expected, 0.15 * expected, $"root-mean-square weight of layer {l} of [{string.Join(", ", sizes)}] (seed {seed}, {activation})");
        }
    }

    [Grades("Network.Forward")]
    [Test]
    public void Forward_through_two_sigmoid_hidden_layers_matches_the_hand_computation()
    {
        // 1 input → 1 → 1 → 1 output; weights 2, −1, 3 and biases 0, 1, −0.5.
        var network = new Network(
            [Matrix.FromRows([2]), Matrix.FromRows([-1]), Matrix.FromRows([3])],
            [[0], [1], [-0.5]],
            Activation.Sigmoid);
        double h1 = Sigmoid(2 * 0.5), h2 = Sigmoid((-1 * h1) + 1);

        network.Forward(Matrix.FromRows([0.5])).ShouldMatch(Matrix.FromRows([(3 * h2) - 0.5]), 1e-12);
    }

    [Grades("Network.Forward")]
    [Test]
    public void Forward_of_a_single_784_pixel_sample_gives_one_row_of_scores()
    {
        var network = new Network([784, 32, 5], seed: 4002);

        network.Forward(TestData.RandomMatrix(1, 784, seed: 4003)).ShouldHaveShape(1, 5);
    }

    [Grades("Network.Forward")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Forward_of_a_drawn_network_and_batch_matches_a_layer_by_layer_reference(Activation activation)
    {
        Random random = GradeTime.Random();
        int layers = GradeTime.Between(random, 1, 4);
        int[] sizes = [.. Enumerable.Range(0, layers + 1).Select(_ => GradeTime.Between(random, 1, 8))];
        Matrix[] weights = [.. Enumerable.Range(0, layers).Select(l => GradeTime.Matrix(random, sizes[l], sizes[l + 1], -1, 1))];
        double[][] biases = [.. Enumerable.Range(0, layers).Select(l => GradeTime.Vector(random, sizes[l + 1], -1, 1))];
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 6), sizes[0]);

        Matrix expected = ReferenceForward(x, weights, biases, z => Reference(activation, z));
        var network = new Network([.. weights.Select(w => w.Clone())], [.. biases.Select(b => (double[])b.Clone())], activation);

        network.Forward(x).ShouldMatch(
            expected,
            Tolerance(expected),
            $"[{string.Join(", ", sizes)}] with {activation} on the hidden layers only, for a batch of {x.Rows}");
    }

    [Grades("Network.Forward")]
    [Test]
    public void Forward_of_a_drawn_network_applies_a_hidden_activation_given_as_a_function()
    {
        Random random = GradeTime.Random();
        int layers = GradeTime.Between(random, 2, 4);
        int[] sizes = [.. Enumerable.Range(0, layers + 1).Select(_ => GradeTime.Between(random, 1, 8))];
        Matrix[] weights = [.. Enumerable.Range(0, layers).Select(l => GradeTime.Matrix(random, sizes[l], sizes[l + 1], -1, 1))];
        double[][] biases = [.. Enumerable.Range(0, layers).Select(l => GradeTime.Vector(random, sizes[l + 1], -1, 1))];
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 6), sizes[0]);

        // Softsign z / (1 + |z|): neither Sigmoid nor ReLU, so only Activations.Apply(z, HiddenActivation) gets it right.
        static double Softsign(double z) => z / (1 + Math.Abs(z));
        Matrix expected = ReferenceForward(x, weights, biases, Softsign);
        var softsign = new ActivationFunction("Softsign", Softsign, z => 1 / ((1 + Math.Abs(z)) * (1 + Math.Abs(z))), Activation.Sigmoid);
        var network = new Network([.. weights.Select(w => w.Clone())], [.. biases.Select(b => (double[])b.Clone())], softsign);

        network.Forward(x).ShouldMatch(
            expected,
            Tolerance(expected),
            $"[{string.Join(", ", sizes)}] with softsign on the hidden layers: hand HiddenActivation to Activations.Apply as it is");
    }

    [Grades("Network.Forward")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Forward_of_a_drawn_batch_of_784_pixels_through_a_seeded_network_matches_the_reference(Activation activation)
    {
        Random random = GradeTime.Random();
        int[] sizes = [784, GradeTime.Between(random, 16, 64), GradeTime.Between(random, 2, 10)];
        var network = new Network(sizes, random.Next(), activation);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 8), 784, 0, 1);

        // The network's own (random) weights and zero biases, copied before Forward runs.
        Matrix expected = ReferenceForward(
            x, [.. network.Weights.Select(w => w.Clone())], [.. network.Biases.Select(b => (double[])b.Clone())], z => Reference(activation, z));
        Matrix xBefore = x.Clone();

        network.Forward(x).ShouldMatch(expected, Tolerance(expected), $"[{string.Join(", ", sizes)}] with {activation}, a batch of {x.Rows}");
        x.ShouldMatch(xBefore, 0.0, "Forward changed its input");
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Reference(Activation activation, double z) =>
        activation == Activation.ReLU ? Math.Max(0.0, z) : 1 / (1 + Math.Exp(-z));

    // Rounding differs with the order of the sums (a faster MatMul): scale the tolerance with the outputs.
    private static double Tolerance(Matrix expected) => 1e-10 * Math.Max(1.0, expected.Data.Max(Math.Abs));

    // For each layer z = a·W + b with plain loops; the activation on every layer but the last.
    private static Matrix ReferenceForward(Matrix x, Matrix[] weights, double[][] biases, Func<double, double> activation)
    {
        Matrix a = x.Clone();
        for (int l = 0; l < weights.Length; l++)
        {
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

                    z[i, j] = l < weights.Length - 1 ? activation(sum) : sum;
                }
            }

            a = z;
        }

        return a;
    }
}
