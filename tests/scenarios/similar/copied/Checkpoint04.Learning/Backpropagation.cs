namespace NeuralNet;

public static partial class Backpropagation
{
    public static Gradients Backward(this Network net, Matrix input, int[] truth)
    {
        int depth = net.Weights.Length;
        List<Matrix> acts = new List<Matrix>();
        List<Matrix> pres = new List<Matrix>();
        Matrix current = input;
        for (int layer = 0; layer < depth; layer++)
        {
            acts.Add(current);
            Matrix pre = LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(current, net.Weights[layer]), net.Biases[layer]);
            pres.Add(pre);
            if (layer < depth - 1)
            {
                current = Activations.Apply(pre, net.HiddenActivation);
            }
            else
            {
                current = pre;
            }
        }

        double cost = Loss.CrossEntropy(current, truth);
        Matrix error = Loss.CrossEntropyGradient(current, truth);
        Matrix[] weightGrads = new Matrix[depth];
        double[][] biasGrads = new double[depth][];
        for (int layer = depth - 1; layer >= 0; layer--)
        {
            weightGrads[layer] = LinearAlgebra.MatMul(LinearAlgebra.Transpose(acts[layer]), error);
            biasGrads[layer] = LinearAlgebra.ColumnSums(error);
            if (layer > 0)
            {
                Matrix upstream = LinearAlgebra.MatMul(error, LinearAlgebra.Transpose(net.Weights[layer]));
                error = LinearAlgebra.Hadamard(upstream, ActivationDerivative(pres[layer - 1], net.HiddenActivation));
            }
        }
        return new Gradients(cost, weightGrads, biasGrads);
    }

    // derivative of the activation at every entry
    public static Matrix ActivationDerivative(Matrix pre, Activation kind)
    {
        Matrix slope = new Matrix(pre.Rows, pre.Cols);
        for (int r = 0; r < pre.Rows; r++)
        {
            for (int c = 0; c < pre.Cols; c++)
            {
                if (kind == Activation.ReLU)
                {
                    slope[r, c] = pre[r, c] > 0 ? 1 : 0;
                }
                else
                {
                    double sig = Activations.Sigmoid(pre[r, c]);
                    slope[r, c] = sig * (1 - sig);
                }
            }
        }
        return slope;
    }
}
