using System.Text.Json;

namespace Kata.Tests.Checkpoint01;

using Kata.TestSupport;
using NUnit.Framework;
using Shouldly;

/// <summary>
/// Compares against results numpy computed (Golden/numpy_golden.json, written by
/// Golden/make_golden.py), so the reference is an independent, trusted implementation.
/// </summary>
[Checkpoint(1)]
public sealed class NumpyGoldenTests
{
    private const double Tolerance = 1e-12;
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly Golden Cases = Load();

    public static IEnumerable<TestCaseData> DotCases() =>
        Cases.Dot.Select(c => new TestCaseData(c).SetName($"Dot_matches_numpy_for_vectors_of_length_{c.A.Length}"));

    public static IEnumerable<TestCaseData> MatMulCases() =>
        Cases.MatMul.Select(c => new TestCaseData(c).SetName($"MatMul_matches_numpy_for_{Shape(c.A)}_times_{Shape(c.B!)}"));

    public static IEnumerable<TestCaseData> TransposeCases() =>
        Cases.Transpose.Select(c => new TestCaseData(c).SetName($"Transpose_matches_numpy_for_{Shape(c.A)}"));

    [Grades("LinearAlgebra.Dot")]
    [TestCaseSource(nameof(DotCases))]
    public void Dot_matches_numpy(DotCase c)
    {
        LinearAlgebra.Dot(c.A, c.B).ShouldBe(c.Expected, Tolerance * c.A.Length);
    }

    [Grades("LinearAlgebra.MatMul")]
    [TestCaseSource(nameof(MatMulCases))]
    public void MatMul_matches_numpy(MatrixCase c)
    {
        LinearAlgebra.MatMul(Matrix.FromRows(c.A), Matrix.FromRows(c.B!)).ShouldMatch(Matrix.FromRows(c.Expected), Tolerance * 10);
    }

    [Grades("LinearAlgebra.Transpose")]
    [TestCaseSource(nameof(TransposeCases))]
    public void Transpose_matches_numpy(MatrixCase c)
    {
        LinearAlgebra.Transpose(Matrix.FromRows(c.A)).ShouldMatch(Matrix.FromRows(c.Expected), 0.0);
    }

    private static string Shape(double[][] rows) => $"{rows.Length}x{rows[0].Length}";

    private static Golden Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Checkpoint01.LinearAlgebra", "Golden", "numpy_golden.json");
        return JsonSerializer.Deserialize<Golden>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    public sealed record DotCase(double[] A, double[] B, double Expected);

    public sealed record MatrixCase(double[][] A, double[][]? B, double[][] Expected);

    private sealed record Golden(List<DotCase> Dot, List<MatrixCase> MatMul, List<MatrixCase> Transpose);
}
