namespace NeuralNet;

// A beginner's forward pass.
public sealed partial class Network
{
    public Matrix Forward(Matrix x)
    {
        Matrix a = x;
        for (int l = 0; l < Weights.Length; l++)
        {
            Matrix z = LinearAlgebra.AddRowVector(LinearAlgebra.MatMul(a, Weights[l]), Biases[l]);
            if (l < Weights.Length - 1)
            {
                a = Activations.Apply(z, HiddenActivation);
            }
            else
            {
                a = z;
            }
        }

        return a;
    }
}
