namespace NeuralNet;

// A plain learner's scalar operations: each one its number and a closure that adds its share (+=).
public sealed partial class Value
{
    public Value Add(Value other)
    {
        Value a = this;
        Value b = other;
        return new Value(a.Data + b.Data, "+", [a, b], output =>
        {
            a.Grad += output.Grad;
            b.Grad += output.Grad;
        });
    }

    public Value Multiply(Value other)
    {
        Value a = this;
        Value b = other;
        return new Value(a.Data * b.Data, "*", [a, b], output =>
        {
            a.Grad += output.Grad * b.Data;
            b.Grad += output.Grad * a.Data;
        });
    }

    public Value Pow(double exponent)
    {
        Value a = this;
        return new Value(Math.Pow(a.Data, exponent), "pow", [a], output =>
        {
            a.Grad += output.Grad * exponent * Math.Pow(a.Data, exponent - 1);
        });
    }

    public Value Subtract(Value other)
    {
        return Add(other.Multiply(new Value(-1)));
    }

    public Value Divide(Value other)
    {
        return Multiply(other.Pow(-1));
    }

    public Value Exp()
    {
        Value a = this;
        double e = Math.Exp(a.Data);
        return new Value(e, "exp", [a], output =>
        {
            a.Grad += output.Grad * e;
        });
    }

    public Value Log()
    {
        Value a = this;
        return new Value(Math.Log(a.Data), "log", [a], output =>
        {
            a.Grad += output.Grad / a.Data;
        });
    }

    public Value Tanh()
    {
        Value a = this;
        double t = Math.Tanh(a.Data);
        return new Value(t, "tanh", [a], output =>
        {
            a.Grad += output.Grad * (1 - (t * t));
        });
    }

    public Value ReLU()
    {
        Value a = this;
        return new Value(a.Data > 0 ? a.Data : 0, "ReLU", [a], output =>
        {
            if (a.Data > 0)
            {
                a.Grad += output.Grad;
            }
        });
    }
}
