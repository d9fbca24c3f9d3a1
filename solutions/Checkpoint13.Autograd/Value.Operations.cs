namespace NeuralNet;

/// <summary>
/// Checkpoint 13 — your part of the scalar engine: each operation computes its number and gives the new
/// value its local chain rule, <c>new Value(data, "op", [inputs], output =&gt; { input.Grad += output.Grad · ∂output/∂input; … })</c>.
/// The operators + − · / of Value.cs call these. Read checkpoints.md, section 13.
/// </summary>
public sealed partial class Value
{
    /// <summary>this + other. ∂/∂this = 1, ∂/∂other = 1.</summary>
    public Value Add(Value other) =>
        new(Data + other.Data, "+", [this, other], output =>
        {
            Grad += output.Grad;
            other.Grad += output.Grad;
        });

    /// <summary>this · other. ∂/∂this = other, ∂/∂other = this.</summary>
    public Value Multiply(Value other) =>
        new(Data * other.Data, "*", [this, other], output =>
        {
            // += twice: for a · a (this and other the same value) the two shares add up to 2a.
            Grad += output.Grad * other.Data;
            other.Grad += output.Grad * Data;
        });

    /// <summary>this^exponent for a fixed number exponent. ∂/∂this = exponent · this^(exponent − 1).</summary>
    public Value Pow(double exponent) =>
        new(Math.Pow(Data, exponent), $"^{exponent}", [this], output => Grad += output.Grad * exponent * Math.Pow(Data, exponent - 1));

    /// <summary>
    /// this − other, made of the operations you have: this + (−1) · other. Its gradient then comes from theirs,
    /// with no backward step of its own.
    /// </summary>
    public Value Subtract(Value other) => Add(other.Multiply(new Value(-1)));

    /// <summary>this / other, made of the operations you have: this · other^(−1).</summary>
    public Value Divide(Value other) => Multiply(other.Pow(-1));

    /// <summary>e^this. Its derivative is itself: ∂/∂this = e^this.</summary>
    public Value Exp()
    {
        double e = Math.Exp(Data);
        return new Value(e, "exp", [this], output => Grad += output.Grad * e);
    }

    /// <summary>ln this, for this &gt; 0. ∂/∂this = 1 / this.</summary>
    public Value Log() => new(Math.Log(Data), "log", [this], output => Grad += output.Grad / Data);

    /// <summary>tanh this. ∂/∂this = 1 − tanh² this.</summary>
    public Value Tanh()
    {
        double t = Math.Tanh(Data);
        return new Value(t, "tanh", [this], output => Grad += output.Grad * (1 - (t * t)));
    }

    /// <summary>max(0, this). ∂/∂this = 1 where this &gt; 0, else 0 (0 at exactly 0, as in checkpoint 4).</summary>
    public Value ReLU() => new(Math.Max(0, Data), "ReLU", [this], output => Grad += Data > 0 ? output.Grad : 0);
}
