namespace Kata.Tests.Checkpoint13;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Tensor.Backward on graphs the test builds from its own nodes (<see cref="TestAutograd.Linear(string, ValueTuple{Tensor, double}[])"/>,
/// <see cref="TestAutograd.Total"/>), so that only Backward is graded here: your Value.Backward for matrices.
/// </summary>
[Checkpoint(13)]
[Grades("Tensor.Backward")]
public sealed class TensorBackwardTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void Backward_starts_from_a_gradient_of_one()
    {
        var loss = new Tensor(Matrix.FromRows([0.75]));

        loss.Backward();

        loss.Grad.ShouldMatch(Matrix.FromRows([1.0]), 0.0, "∂loss/∂loss = 1");
    }

    [Test]
    public void Backward_of_a_diamond_adds_the_gradients_of_both_paths_entry_by_entry()
    {
        // b = 2a, c = −3a, d = b + 4c, loss = Σ d: every entry of a reaches the loss through b (2) and through
        // c (4 · −3 = −12), so ∂loss/∂a = −10 in every entry.
        Tensor a = TestAutograd.Leaf(2, 3, seed: 1301);
        Tensor b = TestAutograd.Linear("2a", (a, 2));
        Tensor c = TestAutograd.Linear("-3a", (a, -3));
        Tensor d = TestAutograd.Linear("b + 4c", (b, 1), (c, 4));
        Tensor loss = TestAutograd.Total("Σ", d);

        loss.Backward();

        a.Grad.ShouldMatch(Filled(2, 3, -10), Tolerance, "∂Σ(2a − 12a)/∂a = −10 in every entry: the share through b (2) and the share through c (4 · −3) add up");
        c.Grad.ShouldMatch(Filled(2, 3, 4), Tolerance, "∂loss/∂c = 4");
    }

    [Test]
    public void Backward_propagates_each_tensor_once_and_only_after_every_tensor_made_from_it()
    {
        var order = new List<string>();
        Tensor a = TestAutograd.Leaf(3, 2, seed: 1302);
        Tensor b = Recorded("b", order, (a, 2));
        Tensor c = Recorded("c", order, (b, -1), (a, 4));
        Tensor d = Recorded("d", order, (b, 3), (c, 0.5));
        Tensor e = Recorded("e", order, (d, 1.5), (a, -2), (c, 1));
        Tensor loss = TestAutograd.Total("Σ", e);

        loss.Backward();

        order.ShouldBe(["e", "d", "c", "b"], "each tensor propagated once, after every tensor made from it");
        a.Grad.ShouldMatch(Filled(3, 2, 10.5), Tolerance, "∂Σe/∂a = 10.5 in every entry, summed over every path (e = 10.5a, worked out in ValueBackwardTests)");
    }

    [TestCase(2, 1)]
    [TestCase(1, 3)]
    [TestCase(4, 4)]
    public void Backward_from_anything_but_a_single_number_is_refused_naming_the_shape(int rows, int cols)
    {
        Tensor notALoss = TestAutograd.Leaf(rows, cols, seed: 1303);

        Action backward = notALoss.Backward;

        backward.ShouldRejectWith(["Backward", $"{rows}x{cols}"], "Backward starts from a 1x1 tensor such as a loss");
    }

    [Test]
    public void Backward_leaves_the_data_of_every_tensor_alone()
    {
        Tensor a = TestAutograd.Leaf(2, 2, seed: 1304);
        Matrix before = a.Data.Clone();
        Tensor loss = TestAutograd.Total("Σ", TestAutograd.Linear("3a", (a, 3)));

        loss.Backward();

        a.Data.ShouldMatch(before, 0.0, "Backward computes gradients only");
        loss.Data.ShouldMatch(Matrix.FromRows([3 * before.Data.Sum()]), Tolerance, "the loss is still Σ 3a");
    }

    private static Matrix Filled(int rows, int cols, double value) => new(rows, cols, [.. Enumerable.Repeat(value, rows * cols)]);

    private static Tensor Recorded(string name, List<string> order, params (Tensor Input, double Coefficient)[] terms)
    {
        Tensor inner = TestAutograd.Linear(name, terms);
        return new Tensor(inner.Data, name, [.. terms.Select(t => t.Input)], output =>
        {
            order.Add(name);
            inner.Grad = output.Grad;
            inner.Propagate();
        });
    }
}
