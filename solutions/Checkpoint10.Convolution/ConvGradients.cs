// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
namespace NeuralNet;

/// <summary>
/// What <see cref="ConvLayer.Backward"/> returns: for every kernel weight and bias of the layer, and for
/// every number of its input, how fast the loss changes when that number moves a little. Each has the
/// shape of what it belongs to.
/// </summary>
/// <param name="Kernels">∂loss/∂Kernels, the shape of the layer's Kernels.</param>
/// <param name="Biases">∂loss/∂Biases, one per filter.</param>
/// <param name="Input">∂loss/∂x, the shape of the layer's input batch: what the layer below needs.</param>
public sealed record ConvGradients(Matrix Kernels, double[] Biases, Matrix Input);

/// <summary>What <see cref="ConvNetwork.Backward"/> returns: the batch's loss and the gradients of both parts.</summary>
/// <param name="Loss">The mean cross-entropy loss of the batch, before any update.</param>
/// <param name="Conv">The convolution layer's gradients.</param>
/// <param name="Dense">The dense layers' gradients, as checkpoint 4's Backward gives them.</param>
public sealed record ConvNetworkGradients(double Loss, ConvGradients Conv, Gradients Dense);
