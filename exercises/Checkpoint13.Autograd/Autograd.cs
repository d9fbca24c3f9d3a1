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
        throw new NotImplementedException(
            "Checkpoint 13: implement Autograd.Forward — z = a·W + b per layer with your tensor operations, the activation on hidden layers only (checkpoints.md#13-autograd).");
    }

    /// <summary>
    /// Checkpoint 4's <see cref="Backpropagation.Backward"/> by autograd: new <see cref="NetworkParameters"/>
    /// of the network, the loss Forward(…).SoftmaxCrossEntropy(labels), one Backward, and every parameter
    /// leaf's Grad. Returns the same <see cref="Gradients"/> as checkpoint 4 (the loss before any update, one
    /// gradient per weight and bias); changes neither the network nor x.
    /// </summary>
    public static Gradients Backward(Network network, Matrix x, int[] labels)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Autograd.Backward — leaves over the parameters, Forward, SoftmaxCrossEntropy, Backward, then the leaves' Grad as Gradients (checkpoints.md#13-autograd).");
    }

    /// <summary>
    /// Checkpoint 7's TrainStep with the gradients of autograd: <see cref="Backward"/> for this batch, then
    /// one <paramref name="optimizer"/> step for every weight and bias. Returns the batch's loss before the step.
    /// </summary>
    public static double TrainStep(Network network, Matrix x, int[] labels, Optimizer optimizer)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Autograd.TrainStep — Backward by autograd, then optimizer.Step(network, gradients) (checkpoints.md#13-autograd).");
    }
}
