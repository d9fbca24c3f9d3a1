namespace NeuralNet;

/// <summary>
/// What <see cref="Gemm"/> does to each entry of C once the product is complete, in the same pass that
/// writes it (fused: C is not read and written again by a second loop).
/// </summary>
internal enum GemmFinish
{
    /// <summary>Nothing more (the bias, when one is given, is still added).</summary>
    None,

    /// <summary>+ bias, then max(0, ·): a hidden layer's forward pass with ReLU.</summary>
    ReLU,

    /// <summary>+ bias, then σ(·): a hidden layer's forward pass with the sigmoid.</summary>
    Sigmoid,

    /// <summary>× ReLU′, read from the layer's activations a (a &gt; 0 exactly where z &gt; 0): a backward step.</summary>
    TimesReLUSlope,

    /// <summary>× σ′ = a·(1 − a), read from the layer's activations a: a backward step.</summary>
    TimesSigmoidSlope,
}
