using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>The blame line: the learner's own method, file and line, never a provided file or the .NET library.</summary>
public sealed class BlameTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-blame-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void An_index_error_inside_the_learners_MatMul_is_blamed_on_MatMul_with_the_index_and_the_shape()
    {
        string matrix = Learner("Matrix.cs", "// PROVIDED — you do not need to change this file.");
        string algebra = Learner("LinearAlgebra.cs", "namespace NeuralNet;");
        string trace = string.Join('\n',
            $"   at NeuralNet.Matrix.Index(Int32 row, Int32 col) in {matrix}:line 148",
            $"   at NeuralNet.Matrix.get_Item(Int32 row, Int32 col) in {matrix}:line 51",
            $"   at NeuralNet.LinearAlgebra.MatMul(Matrix a, Matrix b) in {algebra}:line 42",
            $"   at Kata.Tests.Checkpoint01.MatMulTests.MatMul_of_two_2x2_matrices() in {_dir}/tests/Kata.Tests/MatMulTests.cs:line 20");

        string? site = Blame.Describe(trace, "Matrix: entry (0, 2) is outside a 2x2 matrix; rows go from 0 to 1 and columns from 0 to 1.");

        site.ShouldBe("your code: LinearAlgebra.MatMul in exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 42 — it asked for entry (0, 2) of a 2x2 matrix");
    }

    [Test]
    public void Library_frames_and_lambdas_are_looked_through_to_the_method_that_holds_them()
    {
        string activations = Learner("Activations.cs", "namespace NeuralNet;");
        string trace = string.Join('\n',
            "   at System.Linq.Enumerable.Select[TSource,TResult](IEnumerable`1 source, Func`2 selector)",
            $"   at NeuralNet.Activations.<>c.<Apply>b__2_0(Double v) in {activations}:line 30",
            $"   at NeuralNet.Activations.Apply(Matrix z, Activation activation) in {activations}:line 33");

        Blame.Describe(trace).ShouldBe("your code: Activations.Apply in exercises/Checkpoint01.LinearAlgebra/Activations.cs:line 30");
    }

    [Test]
    public void Without_a_learner_frame_the_test_is_named()
    {
        string trace = $"   at Kata.Tests.Checkpoint02.GradientTests.Probe() in {_dir}/tests/Kata.Tests/GradientTests.cs:line 7";

        Blame.Describe(trace).ShouldBe("test: GradientTests.Probe in tests/Kata.Tests/GradientTests.cs:line 7");
    }

    private string Learner(string name, string firstLine)
    {
        string folder = Path.Combine(_dir, "exercises", "Checkpoint01.LinearAlgebra");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, firstLine + "\n");
        return path;
    }
}
