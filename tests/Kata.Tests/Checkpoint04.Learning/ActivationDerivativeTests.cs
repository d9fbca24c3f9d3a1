namespace Kata.Tests.Checkpoint04;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

[Checkpoint(4)]
[Grades("Backpropagation.ActivationDerivative")]
public sealed class ActivationDerivativeTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void ReLU_derivative_is_one_for_positive_inputs_and_zero_otherwise()
    {
        var z = Matrix.FromRows([-2, -0.001, 0], [0.001, 3, 1e6]);

        Backpropagation.ActivationDerivative(z, Activation.ReLU).ShouldMatch(Matrix.FromRows([0, 0, 0], [1, 1, 1]), 0.0);
    }

    [Test]
    public void Sigmoid_derivative_matches_known_values()
    {
        // σ'(0) = 0.5 · 0.5; σ'(2) = σ(2)·(1 − σ(2)) (numpy); σ' is symmetric.
        var z = Matrix.FromRows([0, 2, -2]);

        Backpropagation.ActivationDerivative(z, Activation.Sigmoid)
            .ShouldMatch(Matrix.FromRows([0.25, 0.10499358540350645, 0.10499358540350645]), Tolerance);
    }

    [Test]
    public void Sigmoid_derivative_equals_the_numerical_derivative_of_your_sigmoid()
    {
        Matrix z = TestData.RandomMatrix(2, 5, seed: 51);

        Matrix derivative = Backpropagation.ActivationDerivative(z, Activation.Sigmoid);
        var numeric = new Matrix(2, 5, [.. z.Data.Select(v => Calculus.Derivative(Activations.Sigmoid, v))]);

        derivative.ShouldMatch(numeric, 1e-9, "your checkpoint-2 Derivative of your checkpoint-3 Sigmoid");
    }

    [Test]
    public void Sigmoid_derivative_of_large_inputs_is_zero_not_NaN()
    {
        Backpropagation.ActivationDerivative(Matrix.FromRows([1000, -1000]), Activation.Sigmoid)
            .ShouldMatch(Matrix.FromRows([0, 0]), Tolerance);
    }

    [Test]
    public void ActivationDerivative_does_not_change_its_input()
    {
        var z = Matrix.FromRows([-1, 2], [3, -4]);

        Backpropagation.ActivationDerivative(z, Activation.ReLU);
        Backpropagation.ActivationDerivative(z, Activation.Sigmoid);

        z.ShouldMatch(Matrix.FromRows([-1, 2], [3, -4]), 0.0, "ActivationDerivative changed its argument");
    }
}
