using System.Globalization;
using NeuralNet;

namespace Kata.Bench;

/// <summary>
/// <c>./kata bench check</c>: a few seconds of correctness, not speed — checkpoint 12's blocked products
/// (with and without a transpose) against the definition on shapes that cross the micro-kernel's tile and
/// the cache blocks, and its fast training of a dense and a convolutional network against the track's
/// checkpoint 4 and checkpoint 10 training. <c>./kata verify</c> runs it on both tracks, and on the
/// reference also as an AVX2-only and as a Vector128-only (Arm-like) processor would
/// (<c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_PreferredVectorBitWidth=128</c>), so that every micro-kernel
/// is run on any x86 machine. A stub is "not yet", never a failure; a wrong result exits with 1.
/// </summary>
internal static class SmokeCheck
{
    private static readonly (int N, int K, int M)[] Shapes = [(1, 1, 1), (7, 31, 33), (37, 40, 1), (101, 301, 131), (64, 784, 128), (130, 1100, 45)];

    public static int Run()
    {
        Console.WriteLine(Machine.Describe());
        var table = new TextTable("check", "verdict");
        int wrong = 0;
        void Add(string what, Func<string> check)
        {
            string verdict;
            try
            {
                verdict = check();
            }
            catch (NotImplementedException stub)
            {
                verdict = $"not yet: {stub.Message.Split(" — ")[0]}";
            }

            wrong += verdict.StartsWith("WRONG", StringComparison.Ordinal) ? 1 : 0;
            table.Add(what, verdict);
        }

        (string Name, Func<Matrix, Matrix, Matrix> Product)[] products =
        [
            ("MatMulBlocked", FastLinearAlgebra.MatMulBlocked),
            ("MatMul", FastLinearAlgebra.MatMul),
            ("MatMulTransposedA", (a, b) => FastLinearAlgebra.MatMulTransposedA(Transpose(a), b)),
            ("MatMulTransposedB", (a, b) => FastLinearAlgebra.MatMulTransposedB(a, Transpose(b))),
        ];
        foreach ((string name, Func<Matrix, Matrix, Matrix> product) in products)
        {
            Add($"{name} of {string.Join(", ", Shapes.Select(s => $"{s.N}x{s.K}x{s.M}"))}", () => Products(product));
        }

        Add("FastTraining.Train of 784-33-9 against checkpoint 4's Train (2 epochs of 50 samples, batches of 16)", DenseTraining);
        Add("FastTraining.TrainConv and PredictConv against checkpoint 10's (10x10x1, 5 filters of 3x3, 80-7-4)", ConvTraining);
        Console.Write(table);
        Console.WriteLine(wrong == 0 ? "No wrong result." : $"{wrong} check(s) gave a wrong result.");
        return wrong == 0 ? 0 : 1;
    }

    private static string Products(Func<Matrix, Matrix, Matrix> product)
    {
        double largest = 0;
        foreach ((int n, int k, int m) in Shapes)
        {
            Matrix a = Kernels.Random(n, k, 1), b = Kernels.Random(k, m, 2);
            double difference = Difference(product(a, b).Data, Kernels.Definition(a, b).Data);
            if (!(difference <= 1e-4 * k))
            {
                return F($"WRONG: the {n}x{k}x{m} product differs from the definition by {difference:G3}");
            }

            largest = Math.Max(largest, difference / k);
        }

        return F($"ok (largest difference {largest:G2} per step of the shared dimension)");
    }

    private static string DenseTraining()
    {
        int[] sizes = [784, 33, 9];
        Matrix x = Kernels.Random(50, 784, 3);
        int[] labels = [.. Enumerable.Range(0, 50).Select(i => i * 7 % 9)];
        Network clear = new(sizes, 4), fast = new(sizes, 4);
        clear.Train(x, labels, 0.1, 2, 16);
        FastTraining.Train(fast, x, labels, 0.1, 2, 16);
        double difference = Enumerable.Range(0, sizes.Length - 1).Max(l => Math.Max(
            Difference(fast.Weights[l].Data, clear.Weights[l].Data), Difference(fast.Biases[l], clear.Biases[l])));
        return Verdict(difference, "of any weight or bias");
    }

    private static string ConvTraining()
    {
        var shape = new ImageShape(10, 10, 1);
        Matrix x = Kernels.Random(20, shape.Size, 5);
        int[] labels = [.. Enumerable.Range(0, 20).Select(i => i % 4)];
        ConvNetwork clear = new(shape, 5, 3, [7], 4, 6), fast = new(shape, 5, 3, [7], 4, 6);
        clear.Train(x, labels, 0.1, 1, 6);
        FastTraining.TrainConv(fast, x, labels, 0.1, 1, 6);
        double difference = Math.Max(
            Math.Max(Difference(fast.Conv.Kernels.Data, clear.Conv.Kernels.Data), Difference(fast.Conv.Biases, clear.Conv.Biases)),
            Enumerable.Range(0, clear.Dense.LayerCount).Max(l => Difference(fast.Dense.Weights[l].Data, clear.Dense.Weights[l].Data)));
        bool samePredictions = FastTraining.PredictConv(fast, x).SequenceEqual(clear.Predict(x));
        return samePredictions ? Verdict(difference, "of any kernel, bias or weight") : "WRONG: FastTraining.PredictConv and ConvNetwork.Predict disagree";
    }

    private static string Verdict(double difference, string what) => difference <= 1e-4
        ? F($"ok (largest difference {what}: {difference:G2})")
        : F($"WRONG: the largest difference {what} is {difference:G3}");

    private static double Difference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();

    private static Matrix Transpose(Matrix m)
    {
        var t = new Matrix(m.Cols, m.Rows);
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Cols; j++)
            {
                t.Data[(j * m.Rows) + i] = m.Data[(i * m.Cols) + j];
            }
        }

        return t;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
