namespace NeuralNet;

// A beginner's backpropagation, straight from the formulas in checkpoints.md.
public static partial class Backpropagation
{
    public static Matrix ActivationDerivative(Matrix z, Activation activation)
    {
        Matrix result = new Matrix(z.Rows, z.Cols);
        for (int i = 0; i < z.Rows; i++)
        {
            for (int j = 0; j < z.Cols; j++)
            {
                if (activation == Activation.ReLU)
                {
                    result[i, j] = z[i, j] > 0 ? 1 : 0;
                }
                else
                {
                    double s = Activations.Sigmoid(z[i, j]);
                    result[i, j] = s * (1 - s);
                }
            }
        }

        return result;
    }

    public static Gradients Backward(this Network network, Matrix x, int[] labels)
    {
        int layers = network.Weights.Length;
        List<Matrix> inputs = new List<Matrix>();
        List<Matrix> sums = new List<Matrix>();
        Matrix a = x;
        for (int l = 0; l < layers; l++)
        {
            inputs.Add(a);
            Matrix z = LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(a, network.Weights[l]), network.Biases[l]);
            sums.Add(z);
            if (l < layers - 1)
            {
                a = Activations.Apply(z, network.HiddenActivation);
            }
            else
            {
                a = z;
            }
        }

        double loss = Loss.CrossEntropy(a, labels);
        Matrix delta = Loss.CrossEntropyGradient(a, labels);
        Matrix[] dW = new Matrix[layers];
        double[][] db = new double[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            dW[l] = LinearAlgebra.MatMul(LinearAlgebra.Transpose(inputs[l]), delta);
            db[l] = LinearAlgebra.ColumnSums(delta);
            if (l > 0)
            {
                Matrix back = LinearAlgebra.MatMul(delta, LinearAlgebra.Transpose(network.Weights[l]));
                delta = LinearAlgebra.Hadamard(back, ActivationDerivative(sums[l - 1], network.HiddenActivation));
            }
        }

        return new Gradients(loss, dW, db);
    }
}
