namespace Kata.Tests.Checkpoint13;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Each operation of Tensor: its matrix, and its gradient against your checkpoint-2 NumericalGradient of
/// Σ output ⊙ G for a fixed seeded G (so that ∂loss/∂output = G). The test sets the output's Grad to G
/// and propagates the one operation itself: only the operation is graded, not your Backward.
/// </summary>
[Checkpoint(13)]
public sealed class TensorOperationTests
{
    private const double Tolerance = 1e-12;

    [Grades("Tensor.MatMul")]
    [Test]
    public void MatMul_of_a_hand_worked_example_and_its_gradients()
    {
        // [[1, 2]] · [[3], [4]] = [[11]]; with G = [[1]]: dA = G·Bᵀ = [[3, 4]], dB = Aᵀ·G = [[1], [2]].
        var a = new Tensor(Matrix.FromRows([1, 2]));
        var b = new Tensor(Matrix.FromRows([3], [4]));

        Tensor c = a.MatMul(b);
        Propagate(c, Matrix.FromRows([1.0]));

        c.Data.ShouldMatch(Matrix.FromRows([11.0]), Tolerance);
        a.Grad.ShouldMatch(Matrix.FromRows([3, 4]), Tolerance, "dA = dC·Bᵀ, the shape of A");
        b.Grad.ShouldMatch(Matrix.FromRows([1], [2]), Tolerance, "dB = Aᵀ·dC, the shape of B");
    }

    [Grades("Tensor.MatMul")]
    [Test]
    public void MatMul_gradients_equal_your_numerical_gradient()
    {
        // 3x4 · 4x2: no square shape that would let a missing transpose through.
        ShouldMatchNumericalGradient("MatMul", t => t[0].MatMul(t[1]), (3, 4), (4, 2));
    }

    [Grades("Tensor.Add")]
    [Test]
    public void Add_gradients_equal_your_numerical_gradient()
    {
        ShouldMatchNumericalGradient("Add", t => t[0].Add(t[1]), (3, 2), (3, 2));
    }

    [Grades("Tensor.AddRowVector")]
    [Test]
    public void AddRowVector_adds_the_row_to_every_row_and_gives_it_the_column_sums_of_the_gradient()
    {
        var a = new Tensor(Matrix.FromRows([1, 2], [3, 4], [5, 6]));
        var bias = new Tensor(Matrix.FromRows([10, -10]));

        Tensor c = a.AddRowVector(bias);
        Propagate(c, Matrix.FromRows([1, 2], [3, 4], [5, 6]));

        c.Data.ShouldMatch(Matrix.FromRows([11, -8], [13, -6], [15, -4]), Tolerance);
        a.Grad.ShouldMatch(Matrix.FromRows([1, 2], [3, 4], [5, 6]), Tolerance, "dA = dC");
        bias.Grad.ShouldMatch(Matrix.FromRows([9, 12]), Tolerance, "db = the column sums of dC: the row was added to every row, and the shares add up");
    }

    [Grades("Tensor.AddRowVector")]
    [Test]
    public void AddRowVector_gradients_equal_your_numerical_gradient()
    {
        ShouldMatchNumericalGradient("AddRowVector", t => t[0].AddRowVector(t[1]), (4, 3), (1, 3));
    }

    [Grades("Tensor.AddRowVector")]
    [TestCase(2, 3)]
    [TestCase(1, 4)]
    public void AddRowVector_refuses_a_row_of_the_wrong_shape_naming_both(int rows, int cols)
    {
        Tensor a = TestAutograd.Leaf(3, 3, seed: 1311), row = TestAutograd.Leaf(rows, cols, seed: 1312);

        Action add = () => a.AddRowVector(row);

        add.ShouldRejectWith(["AddRowVector", "3x3", $"{rows}x{cols}"]);
    }

    [Grades("Tensor.Hadamard")]
    [Test]
    public void Hadamard_gradients_equal_your_numerical_gradient()
    {
        ShouldMatchNumericalGradient("Hadamard", t => t[0].Hadamard(t[1]), (2, 3), (2, 3));
    }

    [Grades("Tensor.Scale")]
    [Test]
    public void Scale_gradients_equal_your_numerical_gradient()
    {
        ShouldMatchNumericalGradient("Scale", t => t[0].Scale(-2.5), (3, 3));
    }

    [Grades("Tensor.Activate")]
    [TestCase(Activation.ReLU)]
    [TestCase(Activation.Sigmoid)]
    public void Activate_with_your_activations_equals_them_and_your_numerical_gradient(Activation activation)
    {
        // Entries in [0.1, 2] and [−2, −0.1], never at ReLU's kink, where the numerical derivative is ½.
        Matrix z = Matrix.FromRows([0.5, -1.5, 2.0], [-0.1, 0.1, -2.0]);

        Tensor a = new Tensor(z).Activate(activation);

        a.Data.ShouldMatch(Activations.Apply(z, activation), Tolerance, $"your checkpoint-3 {activation} on every entry");
        ShouldMatchNumericalGradient($"Activate({activation})", t => t[0].Activate(activation), z);
    }

    [Grades("Tensor.Activate")]
    [Test]
    public void Activate_with_an_activation_given_by_its_function_uses_its_derivative()
    {
        var tanh = new ActivationFunction("Tanh", Math.Tanh, x => 1 - (Math.Tanh(x) * Math.Tanh(x)), Activation.Sigmoid);

        ShouldMatchNumericalGradient("Activate(Tanh)", t => t[0].Activate(tanh), (3, 2));
    }

    [Grades("Tensor.Exp")]
    [Test]
    public void Exp_gradients_equal_your_numerical_gradient()
    {
        ShouldMatchNumericalGradient("Exp", t => t[0].Exp(), (2, 3));
    }

    [Grades("Tensor.Log")]
    [Test]
    public void Log_gradients_equal_your_numerical_gradient()
    {
        ShouldMatchNumericalGradient("Log", t => t[0].Log(), TestAutograd.Leaf(3, 2, seed: 1313, low: 0.2, high: 3).Data);
    }

    [Grades("Tensor.Sum")]
    [Test]
    public void Sum_is_one_number_and_sends_its_gradient_to_every_entry()
    {
        var a = new Tensor(Matrix.FromRows([1, 2, 3], [4, 5, 6]));

        Tensor total = a.Sum();
        Propagate(total, Matrix.FromRows([2.5]));

        total.Data.ShouldMatch(Matrix.FromRows([21.0]), Tolerance, "a 1x1 tensor holding 1 + 2 + … + 6");
        a.Grad.ShouldMatch(Matrix.FromRows([2.5, 2.5, 2.5], [2.5, 2.5, 2.5]), Tolerance, "∂Σa/∂a[i, j] = 1, times the 2.5 of dC");
    }

    [Grades("Tensor.Mean")]
    [Test]
    public void Mean_is_one_number_and_sends_its_gradient_divided_by_the_count_to_every_entry()
    {
        var a = new Tensor(Matrix.FromRows([1, 2, 3], [4, 5, 6]));

        Tensor mean = a.Mean();
        Propagate(mean, Matrix.FromRows([3.0]));

        mean.Data.ShouldMatch(Matrix.FromRows([3.5]), Tolerance, "a 1x1 tensor holding 21 / 6");
        a.Grad.ShouldMatch(Matrix.FromRows([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]), Tolerance, "∂mean/∂a[i, j] = 1/6, times the 3 of dC");
    }

    [Grades("Tensor.SoftmaxCrossEntropy")]
    [Test]
    public void SoftmaxCrossEntropy_is_your_cross_entropy_and_its_gradient_is_your_numerical_gradient()
    {
        Matrix logits = TestData.RandomMatrix(4, 3, seed: 1314);
        int[] labels = [2, 0, 1, 2];

        Tensor loss = new Tensor(logits).SoftmaxCrossEntropy(labels);

        loss.Data.ShouldMatch(Matrix.FromRows([Loss.CrossEntropy(logits, labels)]), Tolerance, "a 1x1 tensor holding your checkpoint-4 CrossEntropy");
        var z = new Tensor(logits.Clone());
        Propagate(z.SoftmaxCrossEntropy(labels), Matrix.FromRows([1.0]));
        TestAutograd.ShouldMatchNumericalGradient(
            "SoftmaxCrossEntropy", theta => Loss.CrossEntropy(new Matrix(4, 3, theta), labels), logits.Data, z.Grad.Data, [.. TestAutograd.Names("logits", 4, 3)]);
    }

    [Grades("Tensor.SoftmaxCrossEntropy")]
    [Test]
    public void SoftmaxCrossEntropy_refuses_labels_that_do_not_fit_the_logits()
    {
        Tensor logits = TestAutograd.Leaf(3, 4, seed: 1315);

        Action loss = () => logits.SoftmaxCrossEntropy([0, 1]);

        loss.ShouldRejectWith(["CrossEntropy", "3x4"]);
    }

    [Grades("Tensor.Hadamard", "Tensor.MatMul", "Tensor.Add")]
    [Test]
    public void A_tensor_used_twice_by_one_operation_collects_both_shares()
    {
        // x ⊙ x: ∂/∂x = 2x ⊙ G. x·x (square): dX = G·xᵀ + xᵀ·G. x + x: 2G. Each needs both shares added.
        Matrix x = TestData.RandomMatrix(3, 3, seed: 1316), g = TestData.RandomMatrix(3, 3, seed: 1317);
        foreach ((string name, Func<Tensor, Tensor> op, Matrix expected) in new (string, Func<Tensor, Tensor>, Matrix)[]
        {
            ("x ⊙ x", t => t.Hadamard(t), Reference(x, g, (p, q) => p * q * 2)),
            ("x · x", t => t.MatMul(t), LinearAlgebra.Add(LinearAlgebra.MatMul(g, LinearAlgebra.Transpose(x)), LinearAlgebra.MatMul(LinearAlgebra.Transpose(x), g))),
            ("x + x", t => t.Add(t), Reference(x, g, (_, q) => 2 * q)),
        })
        {
            var leaf = new Tensor(x.Clone());
            Propagate(op(leaf), g);
            leaf.Grad.ShouldMatch(expected, 1e-12, $"∂Σ({name}) ⊙ G/∂x: x is both inputs of one operation, so both shares must be added to its Grad");
        }
    }

    [Grades("Tensor.MatMul", "Tensor.Add", "Tensor.AddRowVector", "Tensor.Hadamard", "Tensor.Scale", "Tensor.Activate", "Tensor.Exp", "Tensor.Log", "Tensor.Sum", "Tensor.Mean", "Tensor.SoftmaxCrossEntropy")]
    [Test]
    public void Operations_add_to_the_gradient_their_inputs_already_have()
    {
        // Every input starts with Grad = 1 in every entry (as if it had been used before): what an operation
        // sends must be added to it, never put in its place.
        foreach ((string name, Func<Tensor, Tensor, Tensor> op, bool rowAsSecond) in new (string, Func<Tensor, Tensor, Tensor>, bool)[]
        {
            ("MatMul", (a, b) => a.MatMul(b), false), ("Add", (a, b) => a.Add(b), false), ("AddRowVector", (a, b) => a.AddRowVector(b), true),
            ("Hadamard", (a, b) => a.Hadamard(b), false), ("Scale", (a, _) => a.Scale(3), false), ("Activate", (a, _) => a.Activate(Activation.Sigmoid), false),
            ("Exp", (a, _) => a.Exp(), false), ("Log", (a, _) => a.Log(), false), ("Sum", (a, _) => a.Sum(), false), ("Mean", (a, _) => a.Mean(), false),
            ("SoftmaxCrossEntropy", (a, _) => a.SoftmaxCrossEntropy([1, 0]), false),
        })
        {
            Matrix x = TestAutograd.Leaf(2, 2, seed: 1321, low: 0.5, high: 2).Data, y = TestAutograd.Leaf(rowAsSecond ? 1 : 2, 2, seed: 1322).Data;
            Tensor fresh = new(x.Clone()), freshOther = new(y.Clone());
            Tensor used = new(x.Clone()) { Grad = Ones(2, 2) }, usedOther = new(y.Clone()) { Grad = Ones(y.Rows, 2) };
            Tensor a = op(fresh, freshOther), b = op(used, usedOther);
            Matrix g = TestData.RandomMatrix(a.Rows, a.Cols, seed: 1323);

            Propagate(a, g);
            Propagate(b, g);

            used.Grad.ShouldMatch(Plus(fresh.Grad, Ones(2, 2)), Tolerance, $"{name}: an input whose Grad was already 1 everywhere must end with 1 + what the operation sends (= replaces it)");
            usedOther.Grad.ShouldMatch(Plus(freshOther.Grad, Ones(y.Rows, 2)), Tolerance, $"{name}: the second input too");
        }
    }

    [Grades("Tensor.MatMul", "Tensor.Add", "Tensor.Hadamard", "Tensor.Exp", "Tensor.Log")]
    [Test]
    public void Operations_leave_their_inputs_data_alone()
    {
        Tensor a = TestAutograd.Leaf(2, 2, seed: 1318, low: 0.5, high: 2), b = TestAutograd.Leaf(2, 2, seed: 1319);
        Matrix aBefore = a.Data.Clone(), bBefore = b.Data.Clone();

        foreach (Tensor made in new[] { a.MatMul(b), a.Add(b), a.Hadamard(b), a.Exp(), a.Log() })
        {
            Propagate(made, TestData.RandomMatrix(2, 2, seed: 1320));
        }

        a.Data.ShouldMatch(aBefore, 0.0, "an operation makes a new tensor and never changes its inputs' Data");
        b.Data.ShouldMatch(bBefore, 0.0, "an operation makes a new tensor and never changes its inputs' Data");
    }

    // Sets output.Grad = g and runs the operation's own backward step (no Backward of the learner's).
    private static void Propagate(Tensor output, Matrix g)
    {
        output.Grad = g.Clone();
        output.Propagate();
    }

    private static void ShouldMatchNumericalGradient(string name, Func<Tensor[], Tensor> op, params (int Rows, int Cols)[] shapes) =>
        ShouldMatchNumericalGradient(name, op, [.. shapes.Select((s, i) => TestData.RandomMatrix(s.Rows, s.Cols, seed: 1330 + i))]);

    // Loss Σ op(inputs) ⊙ G: the analytic gradient of every input, from the operation's own backward step
    // with Grad = G, against your NumericalGradient of the loss over every input entry at once.
    private static void ShouldMatchNumericalGradient(string name, Func<Tensor[], Tensor> op, params Matrix[] inputs)
    {
        Tensor[] leaves = [.. inputs.Select(m => new Tensor(m.Clone()))];
        Tensor output = op(leaves);
        Matrix g = TestData.RandomMatrix(output.Rows, output.Cols, seed: 1329);
        Propagate(output, g);

        int[] sizes = [.. inputs.Select(m => m.Data.Length)];
        Matrix[] Split(double[] theta)
        {
            var parts = new Matrix[inputs.Length];
            for (int i = 0, at = 0; i < inputs.Length; at += sizes[i], i++)
            {
                parts[i] = new Matrix(inputs[i].Rows, inputs[i].Cols, theta[at..(at + sizes[i])]);
            }

            return parts;
        }

        double Loss(double[] theta) => TestAutograd.SumOfProducts(op([.. Split(theta).Select(m => new Tensor(m))]).Data, g);
        string[] names = [.. inputs.SelectMany((m, i) => TestAutograd.Names(inputs.Length == 1 ? "x" : ((char)('A' + i)).ToString(), m.Rows, m.Cols))];
        TestAutograd.ShouldMatchNumericalGradient(name, Loss, [.. inputs.SelectMany(m => m.Data)], [.. leaves.SelectMany(t => t.Grad.Data)], names);
    }

    private static Matrix Reference(Matrix x, Matrix g, Func<double, double, double> f) => new(x.Rows, x.Cols, [.. x.Data.Zip(g.Data, f)]);

    private static Matrix Ones(int rows, int cols) => new(rows, cols, [.. Enumerable.Repeat(1.0, rows * cols)]);

    private static Matrix Plus(Matrix a, Matrix b) => new(a.Rows, a.Cols, [.. a.Data.Zip(b.Data, (p, q) => p + q)]);
}
