namespace NeuralNet;

/// <summary>
/// Checkpoint 13 — your part of the scalar engine: each operation computes its number and gives the new
/// value its local chain rule, <c>new Value(data, "op", [inputs], output =&gt; { input.Grad += output.Grad · ∂output/∂input; … })</c>.
/// The operators + − · / of Value.cs call these. Read checkpoints.md, section 13.
/// </summary>
public sealed partial class Value
{
    /// <summary>this + other. ∂/∂this = 1, ∂/∂other = 1.</summary>
    public Value Add(Value other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Add — Data = a + b; backward adds output.Grad to the Grad of both inputs (checkpoints.md#13-autograd).");
    }

    /// <summary>this · other. ∂/∂this = other, ∂/∂other = this.</summary>
    public Value Multiply(Value other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Multiply — Data = a · b; backward adds output.Grad · b to a.Grad and output.Grad · a to b.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>this^exponent for a fixed number exponent. ∂/∂this = exponent · this^(exponent − 1).</summary>
    public Value Pow(double exponent)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Pow — Data = a^n; backward adds output.Grad · n · a^(n − 1) to a.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>
    /// this − other, made of the operations you have: this + (−1) · other. Its gradient then comes from theirs,
    /// with no backward step of its own.
    /// </summary>
    public Value Subtract(Value other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Subtract — a + (−1) · b, from your Add and Multiply (checkpoints.md#13-autograd).");
    }

    /// <summary>this / other, made of the operations you have: this · other^(−1).</summary>
    public Value Divide(Value other)
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Divide — a · b^(−1), from your Multiply and Pow (checkpoints.md#13-autograd).");
    }

    /// <summary>e^this. Its derivative is itself: ∂/∂this = e^this.</summary>
    public Value Exp()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Exp — Data = e^a; backward adds output.Grad · e^a to a.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>ln this, for this &gt; 0. ∂/∂this = 1 / this.</summary>
    public Value Log()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Log — Data = ln a; backward adds output.Grad / a to a.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>tanh this. ∂/∂this = 1 − tanh² this.</summary>
    public Value Tanh()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.Tanh — Data = tanh a; backward adds output.Grad · (1 − tanh² a) to a.Grad (checkpoints.md#13-autograd).");
    }

    /// <summary>max(0, this). ∂/∂this = 1 where this &gt; 0, else 0 (0 at exactly 0, as in checkpoint 4).</summary>
    public Value ReLU()
    {
        throw new NotImplementedException(
            "Checkpoint 13: implement Value.ReLU — Data = max(0, a); backward adds output.Grad to a.Grad where a > 0 (checkpoints.md#13-autograd).");
    }
}
