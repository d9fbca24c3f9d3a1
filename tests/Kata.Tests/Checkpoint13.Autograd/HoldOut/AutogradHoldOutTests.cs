namespace Kata.Tests.Checkpoint13.HoldOut;

using Kata.Tests.Checkpoint04.HoldOut;
using Kata.Tests.Checkpoint13;
using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Hold-out tests for checkpoint 13. Every one draws its numbers, shapes, graphs and networks at grade time
/// (<see cref="GradeTime"/>: a seed of the submission's own), and computes what it expects first, from the
/// definitions: the derivative of each scalar operation written out, each matrix operation and its
/// gradients with plain loops (<see cref="AutogradReference"/>), a graph's gradients by the test's own walk
/// of a twin graph, and a network's gradients with checkpoint 4's reference backpropagation.
/// </summary>
[Checkpoint(13)]
[HoldOut]
public sealed class AutogradHoldOutTests
{
    private const double Relative = 1e-10;

    [Grades("Value.Add")]
    [Test]
    public void Value_Add_of_drawn_numbers_sends_the_drawn_gradient_to_both()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, -5, 5, -5, 5);

        drawn.ShouldGive("a + b", (a, b) => a.Add(b), drawn.A + drawn.B, 1, 1);
    }

    [Grades("Value.Multiply")]
    [Test]
    public void Value_Multiply_of_drawn_numbers_sends_each_the_other_times_the_drawn_gradient()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, -5, 5, -5, 5);

        drawn.ShouldGive("a · b", (a, b) => a.Multiply(b), drawn.A * drawn.B, drawn.B, drawn.A);
    }

    [Grades("Value.Subtract")]
    [Test]
    public void Value_Subtract_of_drawn_numbers_sends_plus_and_minus_the_drawn_gradient()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, -5, 5, -5, 5);

        drawn.ShouldGive("a − b", (a, b) => a.Subtract(b), drawn.A - drawn.B, 1, -1);
    }

    [Grades("Value.Divide")]
    [Test]
    public void Value_Divide_of_drawn_numbers_sends_one_over_b_and_minus_a_over_b_squared()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, -5, 5, 0.5, 4);

        drawn.ShouldGive("a / b", (a, b) => a.Divide(b), drawn.A / drawn.B, 1 / drawn.B, -drawn.A / (drawn.B * drawn.B));
    }

    [Grades("Value.Pow")]
    [Test]
    public void Value_Pow_of_a_drawn_number_and_exponent_sends_n_times_a_to_the_n_minus_one()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, 0.3, 3, 0, 0);
        double n = GradeTime.Number(random, -3, 4);

        drawn.ShouldGive($"a^{n:G4}", (a, _) => a.Pow(n), Math.Pow(drawn.A, n), n * Math.Pow(drawn.A, n - 1), 0);
    }

    [Grades("Value.Exp")]
    [Test]
    public void Value_Exp_of_a_drawn_number_sends_e_to_the_a()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, -4, 4, 0, 0);

        drawn.ShouldGive("e^a", (a, _) => a.Exp(), Math.Exp(drawn.A), Math.Exp(drawn.A), 0);
    }

    [Grades("Value.Log")]
    [Test]
    public void Value_Log_of_a_drawn_positive_number_sends_one_over_a()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, 0.05, 20, 0, 0);

        drawn.ShouldGive("ln a", (a, _) => a.Log(), Math.Log(drawn.A), 1 / drawn.A, 0);
    }

    [Grades("Value.Tanh")]
    [Test]
    public void Value_Tanh_of_a_drawn_number_sends_one_minus_tanh_squared()
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, -4, 4, 0, 0);
        double t = Math.Tanh(drawn.A);

        drawn.ShouldGive("tanh a", (a, _) => a.Tanh(), t, 1 - (t * t), 0);
    }

    [Grades("Value.ReLU")]
    [TestCase(-1)]
    [TestCase(1)]
    public void Value_ReLU_of_a_drawn_number_passes_it_and_its_gradient_only_when_positive(int sign)
    {
        Random random = GradeTime.Random();
        ScalarCase drawn = ScalarCase.Draw(random, 0.01, 5, 0, 0) with { A = sign * GradeTime.Number(random, 0.01, 5) };

        drawn.ShouldGive("ReLU(a)", (a, _) => a.ReLU(), Math.Max(0, drawn.A), drawn.A > 0 ? 1 : 0, 0);
    }

    [Grades("Value.Backward")]
    [Test]
    public void Value_Backward_of_a_drawn_graph_gives_every_value_the_sum_over_its_paths()
    {
        Random random = GradeTime.Random();
        ScalarGraph spec = ScalarGraph.Draw(random);
        Value[] reference = spec.Build();
        TestAutograd.Backprop(reference[^1]);

        Value[] graph = spec.Build();
        graph[^1].Backward();

        for (int i = 0; i < graph.Length; i++)
        {
            graph[i].Grad.ShouldBe(reference[i].Grad, AutogradReference.Tolerance(Relative, [reference[i].Grad]), $"∂output/∂{graph[i].Operation}{(graph[i].IsLeaf ? $"leaf {i}" : string.Empty)} in a drawn graph of {graph.Length} values ({spec})");
        }
    }

    [Grades("Tensor.MatMul")]
    [Test]
    public void Tensor_MatMul_of_drawn_matrices_sends_dC_Bt_and_At_dC()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 6), k = GradeTime.Between(random, 1, 6), m = GradeTime.Between(random, 1, 6);
        Matrix a = GradeTime.Matrix(random, n, k), b = GradeTime.Matrix(random, k, m), g = GradeTime.Matrix(random, n, m);
        Matrix c = AutogradReference.Product(a, b);
        Matrix dA = AutogradReference.Product(g, AutogradReference.Transpose(b)), dB = AutogradReference.Product(AutogradReference.Transpose(a), g);

        TensorCase.ShouldGive($"{a.Shape} · {b.Shape}", t => t[0].MatMul(t[1]), [a, b], g, c, [dA, dB]);
    }

    [Grades("Tensor.Add")]
    [Test]
    public void Tensor_Add_of_drawn_matrices_sends_dC_to_both()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m), b = GradeTime.Matrix(random, n, m), g = GradeTime.Matrix(random, n, m);

        TensorCase.ShouldGive($"{a.Shape} + {b.Shape}", t => t[0].Add(t[1]), [a, b], g, AutogradReference.Zip(a, b, (x, y) => x + y), [g, g]);
    }

    [Grades("Tensor.AddRowVector")]
    [Test]
    public void Tensor_AddRowVector_of_a_drawn_matrix_and_row_sends_the_column_sums_to_the_row()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m), row = GradeTime.Matrix(random, 1, m), g = GradeTime.Matrix(random, n, m);
        var c = new Matrix(n, m);
        var dRow = new Matrix(1, m);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                c[i, j] = a[i, j] + row[0, j];
                dRow[0, j] += g[i, j];
            }
        }

        TensorCase.ShouldGive($"{a.Shape} plus a 1x{m} row", t => t[0].AddRowVector(t[1]), [a, row], g, c, [g, dRow]);
    }

    [Grades("Tensor.Hadamard")]
    [Test]
    public void Tensor_Hadamard_of_drawn_matrices_sends_each_dC_times_the_other()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m), b = GradeTime.Matrix(random, n, m), g = GradeTime.Matrix(random, n, m);

        TensorCase.ShouldGive(
            $"{a.Shape} ⊙ {b.Shape}", t => t[0].Hadamard(t[1]), [a, b], g, AutogradReference.Zip(a, b, (x, y) => x * y), [AutogradReference.Zip(g, b, (x, y) => x * y), AutogradReference.Zip(g, a, (x, y) => x * y)]);
    }

    [Grades("Tensor.Scale")]
    [Test]
    public void Tensor_Scale_of_a_drawn_matrix_and_factor_sends_the_factor_times_dC()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m), g = GradeTime.Matrix(random, n, m);
        double f = GradeTime.Number(random, -3, 3);

        TensorCase.ShouldGive($"{f:G4} · a {a.Shape}", t => t[0].Scale(f), [a], g, AutogradReference.Map(a, x => f * x), [AutogradReference.Map(g, x => f * x)]);
    }

    [Grades("Tensor.Activate")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Tensor_Activate_of_a_drawn_matrix_sends_dC_times_the_derivative(Activation activation)
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix z = GradeTime.Matrix(random, n, m, -4, 4), g = GradeTime.Matrix(random, n, m);
        (Func<double, double> f, Func<double, double> derivative) = Reference.Of(activation);

        TensorCase.ShouldGive($"{activation} of {z.Shape}", t => t[0].Activate(activation), [z], g, AutogradReference.Map(z, f), [AutogradReference.Zip(g, AutogradReference.Map(z, derivative), (x, y) => x * y)]);
    }

    [Grades("Tensor.Exp")]
    [Test]
    public void Tensor_Exp_of_a_drawn_matrix_sends_dC_times_e_to_the_a()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m, -3, 3), g = GradeTime.Matrix(random, n, m);
        Matrix e = AutogradReference.Map(a, Math.Exp);

        TensorCase.ShouldGive($"e^a of {a.Shape}", t => t[0].Exp(), [a], g, e, [AutogradReference.Zip(g, e, (x, y) => x * y)]);
    }

    [Grades("Tensor.Log")]
    [Test]
    public void Tensor_Log_of_a_drawn_positive_matrix_sends_dC_over_a()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m, 0.1, 10), g = GradeTime.Matrix(random, n, m);

        TensorCase.ShouldGive($"ln a of {a.Shape}", t => t[0].Log(), [a], g, AutogradReference.Map(a, Math.Log), [AutogradReference.Zip(g, a, (x, y) => x / y)]);
    }

    [Grades("Tensor.Sum")]
    [Test]
    public void Tensor_Sum_of_a_drawn_matrix_sends_the_drawn_gradient_to_every_entry()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m), g = GradeTime.Matrix(random, 1, 1);

        TensorCase.ShouldGive($"Σ a of {a.Shape}", t => t[0].Sum(), [a], g, Matrix.FromRows([a.Data.Sum()]), [AutogradReference.Map(a, _ => g[0, 0])]);
    }

    [Grades("Tensor.Mean")]
    [Test]
    public void Tensor_Mean_of_a_drawn_matrix_sends_the_drawn_gradient_over_the_count_to_every_entry()
    {
        Random random = GradeTime.Random();
        (int n, int m) = DrawShape(random);
        Matrix a = GradeTime.Matrix(random, n, m), g = GradeTime.Matrix(random, 1, 1);

        TensorCase.ShouldGive($"mean of {a.Shape}", t => t[0].Mean(), [a], g, Matrix.FromRows([a.Data.Average()]), [AutogradReference.Map(a, _ => g[0, 0] / (n * m))]);
    }

    [Grades("Tensor.SoftmaxCrossEntropy")]
    [Test]
    public void Tensor_SoftmaxCrossEntropy_of_drawn_logits_sends_softmax_minus_one_hot_over_n()
    {
        Random random = GradeTime.Random();
        int n = GradeTime.Between(random, 1, 7), classes = GradeTime.Between(random, 2, 6);
        Matrix z = GradeTime.Matrix(random, n, classes, -5, 5), g = GradeTime.Matrix(random, 1, 1);
        int[] labels = Reference.DrawLabels(random, n, classes);
        Matrix dZ = AutogradReference.Map(Reference.CrossEntropyGradient(z, labels), x => g[0, 0] * x);

        TensorCase.ShouldGive(
            $"the cross-entropy of {z.Shape} logits with labels [{string.Join(", ", labels)}]", t => t[0].SoftmaxCrossEntropy(labels), [z], g, Matrix.FromRows([Reference.CrossEntropy(z, labels)]), [dZ]);
    }

    [Grades("Tensor.Backward")]
    [Test]
    public void Tensor_Backward_of_a_drawn_graph_gives_every_tensor_the_sum_over_its_paths()
    {
        Random random = GradeTime.Random();
        TensorGraph spec = TensorGraph.Draw(random);
        Tensor[] reference = spec.Build();
        reference[^1].Grad = Matrix.FromRows([1.0]);
        TestAutograd.Backprop(reference[^1]);

        Tensor[] graph = spec.Build();
        graph[^1].Backward();

        for (int i = 0; i < graph.Length; i++)
        {
            graph[i].Grad.ShouldMatch(reference[i].Grad, AutogradReference.Tolerance(Relative, reference[i].Grad.Data), $"∂loss/∂(tensor {i}, {(graph[i].IsLeaf ? "a leaf" : graph[i].Operation)}) in a drawn graph of {graph.Length} tensors ({spec})");
        }
    }

    [Grades("Autograd.Forward")]
    [Test]
    public void Autograd_Forward_of_a_drawn_network_and_batch_gives_its_logits()
    {
        Random random = GradeTime.Random();
        Network network = Reference.DrawNetwork(random, Reference.DrawSizes(random), random.Next(2) == 0 ? Activation.ReLU : Activation.Sigmoid);
        Matrix x = GradeTime.Matrix(random, GradeTime.Between(random, 1, 8), network.LayerSizes[0]);
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        Matrix expected = Reference.Logits(weights, biases, network.HiddenActivation, x);

        Tensor logits = Autograd.Forward(new NetworkParameters(network), x);

        logits.Data.ShouldMatch(expected, Reference.Tolerance(Relative, expected.Data), $"the logits of a {string.Join('-', network.LayerSizes)} {network.HiddenActivation} network for {x.Rows} samples");
    }

    [Grades("Autograd.Backward")]
    [Test]
    public void Autograd_Backward_of_a_drawn_network_and_batch_equals_backpropagation_from_the_definitions()
    {
        Random random = GradeTime.Random();
        Network network = Reference.DrawNetwork(random, Reference.DrawSizes(random), random.Next(2) == 0 ? Activation.ReLU : Activation.Sigmoid);
        int n = GradeTime.Between(random, 1, 8);
        Matrix x = GradeTime.Matrix(random, n, network.LayerSizes[0]);
        int[] labels = Reference.DrawLabels(random, n, network.LayerSizes[^1]);
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        (double loss, Matrix[] dW, double[][] db) = Reference.Backward(weights, biases, network.HiddenActivation, x, labels);

        Gradients gradients = Autograd.Backward(network, x, labels);

        string what = $"a {string.Join('-', network.LayerSizes)} {network.HiddenActivation} network, {n} samples";
        gradients.Loss.ShouldBe(loss, Reference.Tolerance(Relative, [loss]), $"{what}: the mean cross-entropy before any update");
        for (int l = 0; l < network.LayerCount; l++)
        {
            gradients.Weights[l].ShouldMatch(dW[l], Reference.Tolerance(Relative, dW[l].Data), $"{what}: ∂loss/∂W[{l}]");
            gradients.Biases[l].ShouldBe(db[l], Reference.Tolerance(Relative, db[l]), $"{what}: ∂loss/∂b[{l}]");
        }
    }

    [Grades("Autograd.TrainStep")]
    [Test]
    public void Autograd_TrainStep_with_a_drawn_learning_rate_moves_every_parameter_against_its_gradient()
    {
        Random random = GradeTime.Random();
        Network network = Reference.DrawNetwork(random, Reference.DrawSizes(random), Activation.ReLU);
        int n = GradeTime.Between(random, 1, 8);
        Matrix x = GradeTime.Matrix(random, n, network.LayerSizes[0]);
        int[] labels = Reference.DrawLabels(random, n, network.LayerSizes[^1]);
        double learningRate = GradeTime.Number(random, 0.05, 1);
        (Matrix[] weights, double[][] biases) = Reference.Parameters(network);
        (double loss, Matrix[] dW, double[][] db) = Reference.Backward(weights, biases, network.HiddenActivation, x, labels);

        double returned = Autograd.TrainStep(network, x, labels, new Sgd(learningRate));

        returned.ShouldBe(loss, Reference.Tolerance(Relative, [loss]), "the batch's loss before the step");
        for (int l = 0; l < network.LayerCount; l++)
        {
            Matrix expectedW = AutogradReference.Zip(weights[l], dW[l], (w, d) => w - (learningRate * d));
            double[] expectedB = [.. biases[l].Zip(db[l], (b, d) => b - (learningRate * d))];
            network.Weights[l].ShouldMatch(expectedW, Reference.Tolerance(Relative, expectedW.Data), $"W[{l}] − {learningRate:G4} · ∂loss/∂W[{l}]");
            network.Biases[l].ShouldBe(expectedB, Reference.Tolerance(Relative, expectedB), $"b[{l}] − {learningRate:G4} · ∂loss/∂b[{l}]");
        }
    }

    private static (int Rows, int Cols) DrawShape(Random random) => (GradeTime.Between(random, 1, 6), GradeTime.Between(random, 1, 6));

    /// <summary>Two drawn numbers and a drawn gradient arriving from above, for one scalar operation.</summary>
    private sealed record ScalarCase(double A, double B, double Upstream)
    {
        public static ScalarCase Draw(Random random, double aMin, double aMax, double bMin, double bMax) =>
            new(GradeTime.Number(random, aMin, aMax), GradeTime.Number(random, bMin, bMax), GradeTime.Number(random, -3, 3));

        // c = op(a, b) with c.Grad = the drawn upstream gradient: c.Data, a.Grad and b.Grad against the derivatives.
        public void ShouldGive(string what, Func<Value, Value, Value> op, double expected, double dA, double dB)
        {
            var a = new Value(A);
            var b = new Value(B);

            Value c = op(a, b);
            TestAutograd.Backprop(c, Upstream);

            string at = $"{what} at a = {A:G6}, b = {B:G6}, with ∂loss/∂output = {Upstream:G6}";
            c.Data.ShouldBe(expected, AutogradReference.Tolerance(Relative, [expected]), at);
            a.Grad.ShouldBe(Upstream * dA, AutogradReference.Tolerance(Relative, [Upstream * dA]), $"∂loss/∂a for {at}");
            b.Grad.ShouldBe(Upstream * dB, AutogradReference.Tolerance(Relative, [Upstream * dB]), $"∂loss/∂b for {at}");
        }
    }

    /// <summary>One tensor operation on drawn inputs, with a drawn gradient from above.</summary>
    private static class TensorCase
    {
        public static void ShouldGive(string what, Func<Tensor[], Tensor> op, Matrix[] inputs, Matrix g, Matrix expected, Matrix[] gradients)
        {
            Tensor[] leaves = [.. inputs.Select(m => new Tensor(m.Clone()))];

            Tensor c = op(leaves);
            c.Grad = g.Clone();
            c.Propagate();

            c.Data.ShouldMatch(expected, AutogradReference.Tolerance(Relative, expected.Data), what);
            for (int i = 0; i < leaves.Length; i++)
            {
                leaves[i].Grad.ShouldMatch(gradients[i], AutogradReference.Tolerance(Relative, gradients[i].Data), $"the gradient of input {i} of {what}");
            }
        }
    }
}
