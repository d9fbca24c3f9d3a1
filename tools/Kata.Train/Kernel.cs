using NeuralNet;

namespace Kata.Train;

/// <summary>
/// The matrix product a network trains with (<c>--kernel</c>): checkpoint 1's
/// <see cref="LinearAlgebra.MatMul"/> ("clear", the default) or checkpoint 12's
/// <see cref="FastLinearAlgebra.MatMul"/> ("fast"). The network calls it through its
/// <see cref="Network.MatMul"/> property, so it counts the calls: a learner whose Forward and Backward
/// call LinearAlgebra.MatMul directly is told why the fast kernel changed nothing.
/// </summary>
internal sealed class Kernel
{
    private readonly Func<Matrix, Matrix, Matrix> product;
    private int calls;

    private Kernel(string name, string description, Func<Matrix, Matrix, Matrix> product)
    {
        Name = name;
        Description = description;
        this.product = product;
    }

    /// <summary>The names --kernel accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["clear", "fast"];

    /// <summary>"clear" or "fast".</summary>
    public string Name { get; }

    /// <summary>Where the product comes from, for people.</summary>
    public string Description { get; }

    /// <summary>How many products the network has asked for.</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>The kernel called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static Kernel Named(string name) => name switch
    {
        "fast" => new Kernel(name, "checkpoint 12's FastLinearAlgebra.MatMul", FastLinearAlgebra.MatMul),
        "clear" => new Kernel(name, "checkpoint 1's LinearAlgebra.MatMul", LinearAlgebra.MatMul),
        _ => throw new ArgumentException($"--kernel is {string.Join(" or ", Names)} (got \"{name}\").", nameof(name)),
    };

    /// <summary>The product, counted: give it to a network as <c>MatMul = kernel.Multiply</c>.</summary>
    public Matrix Multiply(Matrix a, Matrix b)
    {
        Interlocked.Increment(ref calls);
        return product(a, b);
    }

    /// <summary>Why this kernel cannot train yet (a stub of checkpoint 12), or null when it can.</summary>
    public string? NotReady()
    {
        if (Name == "clear")
        {
            return null; // checkpoint 1's stubs are reported like every other stub of checkpoints 1-4
        }

        try
        {
            product(Matrix.FromRows([1]), Matrix.FromRows([1]));
            return null;
        }
        catch (NotImplementedException stub)
        {
            return $"Not implemented yet. {stub.Message} Finish it first (dotnet test --filter Checkpoint=12), or train with checkpoint 1's product: --kernel clear.";
        }
    }

    /// <summary>A warning when the fast kernel was chosen but the network never called it, else null.</summary>
    public string? UnusedWarning() => Name != "clear" && Calls == 0
        ? $"Your network never called {Description}: your Forward and Backward call LinearAlgebra.MatMul directly. "
          + "Call the network's MatMul instead (MatMul(a, Weights[l]) in Forward, network.MatMul(...) in Backward) to train with it (checkpoints.md#12-make-it-fast)."
        : null;
}
