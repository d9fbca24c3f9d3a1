namespace NeuralNet;

// A plain learner's network through autograd: checkpoint 3's Forward with tensors, one Backward, the leaves' Grad.
public static class Autograd
{
    public static Tensor Forward(NetworkParameters parameters, Matrix x)
    {
        Network network = parameters.Network;
        int layers = parameters.Weights.Count;
        Tensor a = new Tensor(x);
        for (int l = 0; l < layers; l++)
        {
            Tensor z = a.MatMul(parameters.Weights[l]).AddRowVector(parameters.Biases[l]);
            if (l == layers - 1)
            {
                a = z;
            }
            else
            {
                a = z.Activate(network.HiddenActivation);
            }
        }

        return a;
    }

    public static Gradients Backward(Network network, Matrix x, int[] labels)
    {
        var parameters = new NetworkParameters(network);
        Tensor loss = Forward(parameters, x).SoftmaxCrossEntropy(labels);
        loss.Backward();

        int layers = network.LayerCount;
        var weights = new Matrix[layers];
        var biases = new double[layers][];
        for (int l = 0; l < layers; l++)
        {
            weights[l] = parameters.Weights[l].Grad;
            biases[l] = parameters.Biases[l].Grad.Data;
        }

        return new Gradients(loss.Data[0, 0], weights, biases);
    }

    public static double TrainStep(Network network, Matrix x, int[] labels, Optimizer optimizer)
    {
        Gradients gradients = Backward(network, x, labels);
        optimizer.Step(network, gradients);
        return gradients.Loss;
    }
}
