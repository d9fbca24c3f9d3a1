using NeuralNet;

namespace Kata.Train;

/// <summary>
/// How a network trains (<c>--kernel</c>): "clear" is the checkpoint's own code on checkpoint 1's
/// <see cref="LinearAlgebra.MatMul"/>; "fast" is checkpoint 12 — its fast training step
/// (<see cref="FastTraining.Train"/>, <see cref="FastTraining.TrainConv"/>: the stage beyond the product)
/// once it is written, and until then, for the dense network, the checkpoint's own code on checkpoint 12's
/// <see cref="FastLinearAlgebra.MatMul"/>. The network calls a product through its <see cref="Network.MatMul"/>
/// property, so the kernel counts the calls: a learner whose Forward and Backward call LinearAlgebra.MatMul
/// directly is told why the fast product changed nothing.
/// </summary>
internal sealed class Kernel
{
    private readonly Func<Matrix, Matrix, Matrix> product;
    private int calls;

    private Kernel(string name, string product, Func<Matrix, Matrix, Matrix> multiply, bool fastStep)
    {
        Name = name;
        Product = product;
        this.product = multiply;
        FastStep = fastStep;
    }

    /// <summary>The names --kernel accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["clear", "fast"];

    /// <summary>"clear" or "fast".</summary>
    public string Name { get; }

    /// <summary>The product a network calls through its MatMul property, for people.</summary>
    public string Product { get; }

    /// <summary>True when checkpoint 4's plain gradient descent trains with checkpoint 12's FastTraining.Train.</summary>
    public bool FastStep { get; }

    /// <summary>What checkpoint 12's fast step is, for people.</summary>
    public static string FastStepDescription => "checkpoint 12's FastTraining.Train (no transposes, fused passes, float buffers reused by every batch)";

    /// <summary>How many products the network has asked for.</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>True when checkpoint 12's FastTraining.Train is written (it trains a network of one weight).</summary>
    public static bool FastTrainingWritten() => Written(() => FastTraining.Train(OneWeight(), Matrix.FromRows([1]), [0], 0, 1, 1));

    /// <summary>True when checkpoint 12's FastTraining.TrainConv and PredictConv are written (they train and ask a network of two weights).</summary>
    public static bool FastTrainConvWritten() => Written(() =>
    {
        var network = new ConvNetwork(new ConvLayer(new ImageShape(2, 2, 1), 1, Matrix.FromRows([0.5]), [0.0]), OneWeight());
        FastTraining.TrainConv(network, Matrix.FromRows([1, 2, 3, 4]), [0], 0, 1, 1);
        FastTraining.PredictConv(network, Matrix.FromRows([1, 2, 3, 4]));
    });

    /// <summary>The kernel called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static Kernel Named(string name) => name switch
    {
        "fast" => new Kernel(name, "checkpoint 12's FastLinearAlgebra.MatMul", FastLinearAlgebra.MatMul, fastStep: FastTrainingWritten()),
        "clear" => new Kernel(name, "checkpoint 1's LinearAlgebra.MatMul", LinearAlgebra.MatMul, fastStep: false),
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
        if (Name == "clear" || FastStep)
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

    /// <summary>A warning when the network was to train on the fast product but never called it, else null.</summary>
    public string? UnusedWarning() => Name != "clear" && Calls == 0
        ? $"Your network never called {Product}: your Forward and Backward call LinearAlgebra.MatMul directly. "
          + "Call the network's MatMul instead (MatMul(a, Weights[l]) in Forward, network.MatMul(...) in Backward) to train with it (checkpoints.md#12-make-it-fast)."
        : null;

    // False while the probe meets a stub. Any other failure means the code is written: the run itself will show it.
    private static bool Written(Action probe)
    {
        try
        {
            probe();
        }
        catch (NotImplementedException)
        {
            return false;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException or ArithmeticException)
        {
            return true;
        }

        return true;
    }

    // A network of one weight and one bias, made with the provided constructor (no learner code).
    private static Network OneWeight() => new([Matrix.FromRows([0.5])], [[0.0]]);
}
