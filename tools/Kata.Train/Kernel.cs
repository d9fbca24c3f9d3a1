using NeuralNet;

namespace Kata.Train;

/// <summary>
/// How a network trains (<c>--kernel</c>): "clear" is the checkpoint's own code on checkpoint 1's
/// <see cref="LinearAlgebra.MatMul"/> (the default); "fast" is checkpoint 12 — its fast training step
/// (<see cref="FastTraining.Train"/>, <see cref="FastTraining.TrainConv"/>: the stage beyond the product)
/// once it is written, and until then, for the dense network, the checkpoint's own code on checkpoint 12's
/// <see cref="FastLinearAlgebra.MatMul"/>. The network calls a product through its <see cref="Network.MatMul"/>
/// property, so the kernel counts the calls: before the run, a learner whose Forward and Backward call
/// LinearAlgebra.MatMul directly is told that the fast product will change nothing, or which of the
/// products do not reach it.
/// </summary>
internal sealed class Kernel
{
    private readonly Func<Matrix, Matrix, Matrix> product;
    private int calls;

    private Kernel(string name, string description, Func<Matrix, Matrix, Matrix> multiply, bool fastStep)
    {
        Name = name;
        Description = description;
        this.product = multiply;
        FastStep = fastStep;
    }

    /// <summary>The names --kernel accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["clear", "fast"];

    /// <summary>"clear" or "fast".</summary>
    public string Name { get; }

    /// <summary>Where the product a network calls through its MatMul property comes from, for people.</summary>
    public string Description { get; }

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

    /// <summary>
    /// What the network does with this kernel, said before the run: where its products come from (for the
    /// line that describes the network) and, for the fast kernel, a warning when some or all of them do not
    /// reach it, else null. <paramref name="stepProducts"/> is what a throwaway copy asked per training step
    /// (<see cref="WarmUp.ProductsPerBatch"/>; null when not measured), <paramref name="forwardProducts"/> what one Forward asked;
    /// <paramref name="layers"/> is the number of weight matrices.
    /// </summary>
    public (string Source, string? Warning) Check(int layers, double? stepProducts, long forwardProducts)
    {
        if (Name == "clear")
        {
            return (Description, null);
        }

        // A plain step: the forward pass (one product per layer), the weight gradients (one per layer) and
        // the error passed back to every layer but the first: 3L − 1. Forward alone: L.
        int step = (3 * layers) - 1;
        const string How = "MatMul(a, Weights[l]) in Forward, and network.MatMul(…) for Backward's three: its own forward pass, "
            + "the weight gradients and the error passed back (checkpoints.md#12-make-it-fast)";
        if (stepProducts is null or 0 && forwardProducts == 0)
        {
            return (
                "checkpoint 1's LinearAlgebra.MatMul, not checkpoint 12's (see below)",
                $"--kernel fast gives your network {Description} as its MatMul property, but a throwaway copy of it never called the property, "
                + "in a training step or in Forward: your code multiplies without it (a plain implementation calls LinearAlgebra.MatMul directly), "
                + $"so this run is no faster than with --kernel clear. To train with it, call the property: {How}.");
        }

        if ((stepProducts ?? step) < step || forwardProducts < layers)
        {
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            string asked = string.Create(invariant, $"{forwardProducts} of the {layers} products of Forward");
            if (stepProducts is { } perStep)
            {
                asked = string.Create(
                    invariant,
                    $"{perStep:0.#} of the {step} products of a plain training step ({layers} forward, {layers} weight gradients, {layers - 1} passing the error back) and {asked}");
            }

            return (
                $"{Description} for some of them (see below)",
                $"Your network asked its MatMul property ({Description}) for {asked}: the others go to what your code calls directly, "
                + $"checkpoint 1's LinearAlgebra.MatMul in a plain implementation. To train with it throughout, call the property for every product: {How}.");
        }

        return (Description, null);
    }

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
