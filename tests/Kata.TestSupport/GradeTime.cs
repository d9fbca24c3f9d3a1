using System.Security.Cryptography;
using System.Text;
using NeuralNet;

namespace Kata.TestSupport;

/// <summary>
/// Inputs a hold-out test draws when it runs, from a seed the grader derives from the instructor's
/// <c>KATA_GRADE_KEY</c> and the submission's files: different for every student, unknown to them, the
/// same on a regrade. A submission cannot answer from a table of expected values (chosen by the caller or
/// by call order): it meets these inputs for the first time at grade time, and the hold-out computes the
/// expected value itself, with a trusted reference.
/// </summary>
/// <remarks>
/// Write the expected value from the inputs <em>before</em> calling the learner's method (or from copies),
/// so that code which overwrites its arguments cannot change what it is compared with. Draw from ranges
/// where a correct implementation passes for every seed (no near-singular cases, tolerances relative to
/// the values' size): <c>./kata verify</c> runs the hold-outs with several seeds. Every graded method needs
/// at least one such test (Rules/HoldOut/HoldOutRules.cs): a hold-out counts when its own body calls
/// <see cref="GradeTime"/>.
/// </remarks>
public static class GradeTime
{
    /// <summary>The variable the grader sets to the submission's seed (hexadecimal).</summary>
    public const string SeedVariable = "KATA_HOLDOUT_SEED";

    // Read once (the startup hook has taken it out of the environment before any learner code ran).
    private static readonly string SeedValue = GradeSecrets.Seed is { Length: > 0 } seed ? seed : "0";

    /// <summary>The seed in use ("0" when the grader set none: the maintainer's runs).</summary>
    public static string Seed => SeedValue;

    /// <summary>
    /// A random source for the running test: the same seed and the same test always give the same numbers,
    /// and two tests never share a sequence.
    /// </summary>
    public static Random Random() => Random(TestContext.CurrentContext.Test.FullName);

    /// <summary>A random source for <paramref name="purpose"/> within the submission's seed.</summary>
    public static Random Random(string purpose)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(SeedValue + "\n" + purpose));
        return new Random(BitConverter.ToInt32(hash, 0) & int.MaxValue);
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static int Between(Random random, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(min, max + 1);
    }

    /// <summary>A number drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double Number(Random random, double min = -2, double max = 2)
    {
        ArgumentNullException.ThrowIfNull(random);
        return min + ((max - min) * random.NextDouble());
    }

    /// <summary>A vector of <paramref name="n"/> numbers drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static double[] Vector(Random random, int n, double min = -2, double max = 2)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = Number(random, min, max);
        }

        return v;
    }

    /// <summary>A <paramref name="rows"/> x <paramref name="cols"/> matrix of numbers drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static Matrix Matrix(Random random, int rows, int cols, double min = -2, double max = 2) =>
        new(rows, cols, Vector(random, rows * cols, min, max));
}
