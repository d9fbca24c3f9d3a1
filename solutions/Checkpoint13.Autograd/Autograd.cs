namespace NeuralNet;

/// <summary>
/// Checkpoint 13 — your network of checkpoints 3 and 4, differentiated by your autograd instead of by hand:
/// the forward pass builds a graph of tensors, and one <see cref="Tensor.Backward"/> gives every gradient
/// that your checkpoint-4 Backward works out layer by layer. Read checkpoints.md, section 13.
/// </summary>
public static class Autograd
{
    /// <summary>
    /// Checkpoint 3's forward pass as a graph: a = x (a leaf); for each layer l, z = a·Weights[l] + Biases[l]
    /// with the leaves of <paramref name="parameters"/>; hidden layers pass on a = f(z) with the network's
    /// HiddenActivation; the last layer's z is the result: the logits, samples x classes.
    /// </summary>
    /// <exception cref="ArgumentException">x does not have the network's input size as columns (your MatMul says so).</exception>
    public static Tensor Forward(NetworkParameters parameters, Matrix x)
    {
        int layers = parameters.Weights.Count;
        var a = new Tensor(x);
        for (int l = 0; l < layers; l++)
        {
            // z = a·W + b: (n x d_l)(d_l x d_{l+1}) plus b in every row. The graph remembers a and z for Backward.
            Tensor z = a.MatMul(parameters.Weights[l]).AddRowVector(parameters.Biases[l]);
            a = l < layers - 1 ? z.Activate(parameters.Network.HiddenActivation) : z;
        }

        return a;
    }

    /// <summary>
    /// Checkpoint 4's <see cref="Backpropagation.Backward"/> by autograd: new <see cref="NetworkParameters"/>
    /// of the network, the loss Forward(…).SoftmaxCrossEntropy(labels), one Backward, and every parameter
    /// leaf's Grad. Returns the same <see cref="Gradients"/> as checkpoint 4 (the loss before any update, one
    /// gradient per weight and bias); changes neither the network nor x.
    /// </summary>
    public static Gradients Backward(Network network, Matrix x, int[] labels)
    {
        var parameters = new NetworkParameters(network);
        Tensor loss = Forward(parameters, x).SoftmaxCrossEntropy(labels);
        loss.Backward();

        // Every leaf's Grad is now ∂loss/∂parameter: no delta carried by hand, no layer loop backwards.
        return new Gradients(
            loss.Data[0, 0],
            [.. parameters.Weights.Select(w => w.Grad)],
            [.. parameters.Biases.Select(b => b.Grad.Data)]);
    }

    /// <summary>
    /// Checkpoint 7's TrainStep with the gradients of autograd: <see cref="Backward"/> for this batch, then
    /// one <paramref name="optimizer"/> step for every weight and bias. Returns the batch's loss before the step.
    /// </summary>
    public static double TrainStep(Network network, Matrix x, int[] labels, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Gradients gradients = Backward(network, x, labels);
        optimizer.Step(network, gradients);
        return gradients.Loss;
    }
}
