namespace Kata.Tests.Checkpoint13;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Each operation of Value: its number, and its gradient against your checkpoint-2 numerical derivative.
/// The test walks the graph itself (<see cref="TestAutograd.Backprop(Value)"/>), so only the operation is
/// graded, not your Backward.
/// </summary>
[Checkpoint(13)]
public sealed class ValueOperationTests
{
    private const double Tolerance = 1e-12;

    [Grades("Value.Add")]
    [Test]
    public void Add_gives_the_sum_and_sends_the_gradient_to_both_inputs_unchanged()
    {
        var a = new Value(2);
        var b = new Value(-5);

        Value c = a.Add(b);
        TestAutograd.Backprop(c);

        c.Data.ShouldBe(-3.0);
        c.Inputs.ShouldBe([a, b], "the new value remembers the values it was made from");
        (a.Grad, b.Grad).ShouldBe((1.0, 1.0), "∂(a + b)/∂a = ∂(a + b)/∂b = 1");
    }

    [Grades("Value.Multiply")]
    [Test]
    public void Multiply_gives_the_product_and_sends_each_input_the_other()
    {
        var a = new Value(2);
        var b = new Value(-5);

        Value c = a.Multiply(b);
        TestAutograd.Backprop(c);

        c.Data.ShouldBe(-10.0);
        (a.Grad, b.Grad).ShouldBe((-5.0, 2.0), "∂(a · b)/∂a = b and ∂(a · b)/∂b = a");
    }

    [Grades("Value.Multiply")]
    [Test]
    public void Multiply_of_a_value_by_itself_collects_both_shares()
    {
        var a = new Value(3);

        Value square = a.Multiply(a);
        TestAutograd.Backprop(square);

        a.Grad.ShouldBe(6.0, "∂(a · a)/∂a = 2a = 6: a is both inputs, so both shares, b·Grad and a·Grad, must be added to its Grad (a = instead of += gives 3)");
    }

    [Grades("Value.Add")]
    [Test]
    public void Add_of_a_value_to_itself_collects_both_shares()
    {
        var a = new Value(3);

        Value twice = a.Add(a);
        TestAutograd.Backprop(twice);

        a.Grad.ShouldBe(2.0, "∂(a + a)/∂a = 2: a is both inputs, so both shares must be added to its Grad");
    }

    [Grades("Value.Add", "Value.Multiply", "Value.Pow", "Value.Exp", "Value.Log", "Value.Tanh", "Value.ReLU")]
    [Test]
    public void Operations_add_to_the_gradient_their_inputs_already_have()
    {
        // Inputs that already hold a gradient (as when they were used before): each share is added to it.
        foreach ((string name, Func<Value, Value, Value> op, double dA, double dB) in new (string, Func<Value, Value, Value>, double, double)[]
        {
            ("a + b", (a, b) => a.Add(b), 1, 1),
            ("a · b", (a, b) => a.Multiply(b), -0.5, 2),
            ("b · a", (a, b) => b.Multiply(a), -0.5, 2),
            ("a³", (a, _) => a.Pow(3), 3 * 2 * 2, 0),
            ("e^a", (a, _) => a.Exp(), Math.Exp(2), 0),
            ("ln a", (a, _) => a.Log(), 0.5, 0),
            ("tanh a", (a, _) => a.Tanh(), 1 - (Math.Tanh(2) * Math.Tanh(2)), 0),
            ("ReLU(a)", (a, _) => a.ReLU(), 1, 0),
        })
        {
            var a = new Value(2) { Grad = 0.25 };
            var b = new Value(-0.5) { Grad = -1 };

            TestAutograd.Backprop(op(a, b));

            a.Grad.ShouldBe(0.25 + dA, Tolerance, $"{name} at a = 2: a's Grad was 0.25 before, and the operation adds its share {dA:G6} (= replaces it)");
            b.Grad.ShouldBe(-1 + dB, Tolerance, $"{name} at b = −0.5: b's Grad was −1 before, and the operation adds its share {dB:G6} (= replaces it)");
        }
    }

    [Grades("Value.Pow")]
    [TestCase(1.5, 3.0)]
    [TestCase(2.0, -1.0)]
    [TestCase(4.0, 0.5)]
    [TestCase(-1.2, 2.0)]
    public void Pow_gradient_equals_your_numerical_derivative(double x, double exponent)
    {
        ShouldMatchNumericalDerivative($"Pow({exponent})", v => v.Pow(exponent), Math.Pow(x, exponent), x);
    }

    [Grades("Value.Exp")]
    [TestCase(-2.0)]
    [TestCase(0.0)]
    [TestCase(1.7)]
    public void Exp_gradient_equals_your_numerical_derivative(double x)
    {
        ShouldMatchNumericalDerivative("Exp", v => v.Exp(), Math.Exp(x), x);
    }

    [Grades("Value.Log")]
    [TestCase(0.3)]
    [TestCase(1.0)]
    [TestCase(7.5)]
    public void Log_gradient_equals_your_numerical_derivative(double x)
    {
        ShouldMatchNumericalDerivative("Log", v => v.Log(), Math.Log(x), x);
    }

    [Grades("Value.Tanh")]
    [TestCase(-3.0)]
    [TestCase(0.0)]
    [TestCase(0.8)]
    public void Tanh_gradient_equals_your_numerical_derivative(double x)
    {
        ShouldMatchNumericalDerivative("Tanh", v => v.Tanh(), Math.Tanh(x), x);
    }

    [Grades("Value.ReLU")]
    [TestCase(-0.7, 0.0, 0.0)]
    [TestCase(2.5, 2.5, 1.0)]
    [TestCase(0.0, 0.0, 0.0)]
    public void ReLU_passes_positive_numbers_and_their_gradient_and_stops_the_rest(double x, double expected, double slope)
    {
        var v = new Value(x);

        Value y = v.ReLU();
        TestAutograd.Backprop(y);

        y.Data.ShouldBe(expected, $"ReLU({x})");
        v.Grad.ShouldBe(slope, $"ReLU'({x}): 1 for positive numbers, 0 otherwise (0 at exactly 0, as in checkpoint 4)");
    }

    [Grades("Value.Subtract")]
    [TestCase(5.0, 3.0)]
    [TestCase(-1.5, 2.25)]
    public void Subtract_gives_the_difference_and_the_gradients_of_both_inputs(double a, double b)
    {
        ShouldMatchNumericalGradient("Subtract", (x, y) => x.Subtract(y), a - b, a, b);
    }

    [Grades("Value.Divide")]
    [TestCase(6.0, 4.0)]
    [TestCase(-1.5, 0.6)]
    public void Divide_gives_the_quotient_and_the_gradients_of_both_inputs(double a, double b)
    {
        ShouldMatchNumericalGradient("Divide", (x, y) => x.Divide(y), a / b, a, b);
    }

    [Grades("Value.Add", "Value.Multiply", "Value.Subtract", "Value.Divide")]
    [Test]
    public void The_operators_reach_your_operations()
    {
        Value a = 3, b = 4;

        Value c = ((a * b) + a - (b / 2)) * -a;

        c.Data.ShouldBe(-(12 + 3 - 2) * 3.0, Tolerance, "(a·b + a − b/2) · (−a) with a = 3, b = 4");
    }

    [Grades("Value.Add", "Value.Multiply", "Value.Tanh")]
    [Test]
    public void A_neuron_tanh_of_w_dot_x_plus_b_has_the_gradients_of_your_numerical_gradient()
    {
        // micrograd's neuron: tanh(w₁x₁ + w₂x₂ + b), differentiated with respect to all five numbers.
        double[] at = [2.0, 0.0, -3.0, 1.0, 6.8813735870195432];
        Value[] leaves = [.. at.Select(v => new Value(v))];
        Value neuron = leaves[0].Multiply(leaves[2]).Add(leaves[1].Multiply(leaves[3])).Add(leaves[4]).Tanh();

        TestAutograd.Backprop(neuron);

        static double Neuron(double[] p) => Math.Tanh((p[0] * p[2]) + (p[1] * p[3]) + p[4]);
        neuron.Data.ShouldBe(Neuron(at), Tolerance);
        TestAutograd.ShouldMatchNumericalGradient("tanh(x₁w₁ + x₂w₂ + b)", Neuron, at, [.. leaves.Select(v => v.Grad)], ["x₁", "x₂", "w₁", "w₂", "b"]);
    }

    [Grades("Value.Add", "Value.Multiply", "Value.Pow", "Value.Exp", "Value.Log", "Value.Tanh", "Value.ReLU")]
    [Test]
    public void Operations_leave_their_inputs_data_alone()
    {
        var a = new Value(1.5);
        var b = new Value(-0.5);

        Value[] made = [a.Add(b), a.Multiply(b), a.Pow(2), a.Exp(), a.Log(), b.Tanh(), b.ReLU()];
        foreach (Value v in made)
        {
            TestAutograd.Backprop(v);
        }

        (a.Data, b.Data).ShouldBe((1.5, -0.5), "an operation makes a new value and never changes its inputs' Data");
    }

    // Builds y = op(x) from a leaf, walks the graph, and compares y.Data and x.Grad with the value and your
    // checkpoint-2 Derivative of the same function.
    private static void ShouldMatchNumericalDerivative(string name, Func<Value, Value> op, double expected, double at)
    {
        var x = new Value(at);

        Value y = op(x);
        TestAutograd.Backprop(y);

        y.Data.ShouldBe(expected, Math.Abs(expected) * 1e-12, $"{name}({at})");
        TestAutograd.ShouldMatchNumericalGradient(name, p => op(new Value(p[0])).Data, [at], [x.Grad], ["x"]);
    }

    private static void ShouldMatchNumericalGradient(string name, Func<Value, Value, Value> op, double expected, double a, double b)
    {
        var x = new Value(a);
        var y = new Value(b);

        Value z = op(x, y);
        TestAutograd.Backprop(z);

        z.Data.ShouldBe(expected, Math.Abs(expected) * 1e-12, $"{name}({a}, {b})");
        TestAutograd.ShouldMatchNumericalGradient(name, p => op(new Value(p[0]), new Value(p[1])).Data, [a, b], [x.Grad, y.Grad], ["a", "b"]);
    }
}
