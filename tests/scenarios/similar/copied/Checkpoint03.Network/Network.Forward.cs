namespace NeuralNet;

public sealed partial class Network
{
    /// <summary>Runs the batch through every layer.</summary>
    public Matrix Forward(Matrix input)
    {
        Matrix current = input;
        for (int layer = 0; layer < Weights.Length; layer++)
        {
            Matrix pre = LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(current, Weights[layer]), Biases[layer]);
            if (layer < Weights.Length - 1)
                current = Activations.Apply(pre, HiddenActivation);
            else
                current = pre;
        }
        return current;
    }
}
