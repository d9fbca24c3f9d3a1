namespace Kata.Tests.Checkpoint13;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Value.Backward on graphs the test builds from its own nodes (<see cref="TestAutograd.Linear(string, ValueTuple{Value, double}[])"/>,
/// <see cref="TestAutograd.Product(string, Value, Value)"/>), so that only Backward is graded here: the order
/// in which it propagates, and gradients that add up where a value is used twice.
/// </summary>
[Checkpoint(13)]
[Grades("Value.Backward")]
public sealed class ValueBackwardTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void Backward_of_a_leaf_sets_its_gradient_to_one()
    {
        var x = new Value(3.5);

        x.Backward();

        x.Grad.ShouldBe(1.0, "∂x/∂x = 1: the value Backward starts from gets Grad 1");
    }

    [Test]
    public void Backward_of_a_chain_multiplies_the_local_derivatives()
    {
        // y = 3x, z = −2y, w = 5z: ∂w/∂x = 5 · (−2) · 3 = −30, ∂w/∂y = −10, ∂w/∂z = 5.
        var x = new Value(1.25);
        Value y = TestAutograd.Linear("3x", (x, 3));
        Value z = TestAutograd.Linear("-2y", (y, -2));
        Value w = TestAutograd.Linear("5z", (z, 5));

        w.Backward();

        (w.Grad, z.Grad, y.Grad, x.Grad).ShouldBe((1.0, 5.0, -10.0, -30.0), "the chain rule, one link at a time from w back to x");
    }

    [Test]
    public void Backward_adds_the_gradients_of_a_value_used_on_two_paths()
    {
        // A diamond: b = 2a, c = 3a, d = b · c = 6a². ∂d/∂a = 12a, which only the sum of both paths gives:
        // through b: ∂d/∂b · ∂b/∂a = c · 2 = 6a; through c: ∂d/∂c · ∂c/∂a = b · 3 = 6a.
        var a = new Value(-1.5);
        Value b = TestAutograd.Linear("2a", (a, 2));
        Value c = TestAutograd.Linear("3a", (a, 3));
        Value d = TestAutograd.Product("b·c", b, c);

        d.Backward();

        a.Grad.ShouldBe(12 * -1.5, Tolerance, "∂d/∂a = 12a: a reaches d through b and through c, and the two shares add up");
        b.Grad.ShouldBe(c.Data, Tolerance, "∂d/∂b = c");
        c.Grad.ShouldBe(b.Data, Tolerance, "∂d/∂c = b");
    }

    [Test]
    public void Backward_propagates_each_value_once_and_only_after_every_value_made_from_it()
    {
        // A graph where a depth-first walk that propagates too early goes wrong: e uses a directly and
        // through b, c and d. Each node records when it was propagated.
        var order = new List<string>();
        var a = new Value(0.5);
        Value b = Recorded("b", order, (a, 2));
        Value c = Recorded("c", order, (b, -1), (a, 4));
        Value d = Recorded("d", order, (b, 3), (c, 0.5));
        Value e = Recorded("e", order, (d, 1.5), (a, -2), (c, 1));

        e.Backward();

        order.ShouldBe(["e", "d", "c", "b"], "each value propagated once, after every value made from it (e before d before c before b)");
        a.Grad.ShouldBe(ExpectedDeDa(), Tolerance, "∂e/∂a summed over every path from a to e");
    }

    [Test]
    public void Backward_leaves_the_data_of_every_value_alone()
    {
        var a = new Value(2);
        var b = new Value(-3);
        Value c = TestAutograd.Product("a·b", a, b);
        Value d = TestAutograd.Linear("c + a", (c, 1), (a, 1));

        d.Backward();

        (a.Data, b.Data, c.Data, d.Data).ShouldBe((2.0, -3.0, -6.0, -4.0), "Backward computes gradients only");
    }

    // ∂e/∂a for the graph above, by hand: b = 2a; c = −b + 4a = 2a; d = 3b + c/2 = 7a; e = 1.5d − 2a + c = 10.5a.
    private static double ExpectedDeDa() => 10.5;

    private static Value Recorded(string name, List<string> order, params (Value Input, double Coefficient)[] terms)
    {
        Value inner = TestAutograd.Linear(name, terms);
        return new Value(inner.Data, name, [.. terms.Select(t => t.Input)], output =>
        {
            order.Add(name);
            foreach ((Value input, double coefficient) in terms)
            {
                input.Grad += coefficient * output.Grad;
            }
        });
    }
}
