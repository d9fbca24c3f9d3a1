// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// With ActivationFunction.cs in checkpoint 3, it lets your Backward use the activations of later
// checkpoints (tanh and leaky ReLU in checkpoint 6) with no change to your code.
namespace NeuralNet;

/// <summary>The other half of your <see cref="Backpropagation"/>: the derivative your Backward asks for.</summary>
public static partial class Backpropagation
{
    /// <summary>
    /// The derivative of the network's hidden activation at every entry of <paramref name="z"/>, into a
    /// new matrix: Sigmoid and ReLU through your <see cref="ActivationDerivative(Matrix, Activation)"/>,
    /// any other through its own derivative. <c>ActivationDerivative(z, network.HiddenActivation)</c> in
    /// your Backward lands here.
    /// </summary>
    public static Matrix ActivationDerivative(Matrix z, ActivationFunction activation)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(activation);
        if (activation.BuiltIn is { } builtIn)
        {
            return ActivationDerivative(z, builtIn);
        }

        var result = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Data.Length; i++)
        {
            result.Data[i] = activation.Derivative!(z.Data[i]);
        }

        return result;
    }
}
