// PROVIDED — you do not need to change this file. It is identical in exercises/ and solutions/.
// Your part of the network is in ConvNetwork.Learning.cs.
namespace NeuralNet;

/// <summary>
/// A small convolutional network: one <see cref="ConvLayer"/>, ReLU, 2x2 max-pooling, then your dense
/// <see cref="Network"/> from checkpoints 3 and 4 on the pooled features:
/// <code>
/// x (n x H·W·C) → Conv → ReLU → MaxPool → Dense → logits (n x classes)
/// </code>
/// The pooled images are already rows of numbers (channels last), so "flatten" changes nothing.
/// </summary>
public sealed partial class ConvNetwork
{
    /// <summary>
    /// A network with random weights: <paramref name="filters"/> filters of <paramref name="kernelSize"/> x
    /// kernelSize pixels over <paramref name="input"/> images, then dense layers of
    /// <paramref name="hiddenSizes"/> and <paramref name="classes"/> outputs. The same seed gives the same weights.
    /// </summary>
    public ConvNetwork(ImageShape input, int filters, int kernelSize, int[] hiddenSizes, int classes, int seed, Activation hiddenActivation = Activation.ReLU)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        Conv = new ConvLayer(input, filters, kernelSize, seed);
        Dense = new Network([PooledShape(Conv).Size, .. hiddenSizes, classes], seed + 1, hiddenActivation);
    }

    /// <summary>A network of the parts you give it (used, not copied). Dense must take the pooled output of conv.</summary>
    public ConvNetwork(ConvLayer conv, Network dense)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(dense);
        if (dense.LayerSizes[0] != PooledShape(conv).Size)
        {
            throw new ArgumentException(
                $"ConvNetwork: the layer {conv} pools to {conv.Output.Pooled()} = {conv.Output.Pooled().Size} numbers per image, "
                + $"but the dense network {string.Join('-', dense.LayerSizes)} takes {dense.LayerSizes[0]}.",
                nameof(dense));
        }

        Conv = conv;
        Dense = dense;
    }

    /// <summary>The convolution layer; ReLU and 2x2 max-pooling follow it.</summary>
    public ConvLayer Conv { get; }

    /// <summary>The dense layers on the pooled features: your checkpoint-3 network.</summary>
    public Network Dense { get; }

    /// <summary>"28x28x1 → 24x24x8 (8 filters of 5x5) → ReLU → max-pool 12x12x8 → 1152-64-10 ReLU".</summary>
    public override string ToString() =>
        $"{Conv} → ReLU → max-pool {Conv.Output.Pooled()} → {string.Join('-', Dense.LayerSizes)} {Dense.HiddenActivation}";

    private static ImageShape PooledShape(ConvLayer conv)
    {
        if (conv.Output.Height < 2 || conv.Output.Width < 2)
        {
            throw new ArgumentException($"ConvNetwork: the layer {conv} gives images too small for 2x2 max-pooling.", nameof(conv));
        }

        return conv.Output.Pooled();
    }
}
