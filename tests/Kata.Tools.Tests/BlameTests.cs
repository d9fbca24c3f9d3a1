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

    [Test]
    public void An_ArgumentException_a_finished_checkpoints_MatMul_throws_is_blamed_on_the_line_of_the_tested_checkpoint_that_called_it()
    {
        string algebra = Learner("LinearAlgebra.cs", "namespace NeuralNet;");
        string attention = Learner("Attention.cs", "namespace NeuralNet;", "Checkpoint11.Attention");
        string trace = string.Join('\n',
            $"   at NeuralNet.LinearAlgebra.MatMul(Matrix a, Matrix b) in {algebra}:line 39",
            $"   at NeuralNet.Attention.Backward(Matrix queries, Matrix keys, Matrix values, Boolean causal, Matrix outputGradient) in {attention}:line 100",
            $"   at Kata.Tests.Checkpoint11.AttentionBackwardTests.Attention_Backward_leaves_its_inputs_alone() in {_dir}/tests/Kata.Tests/Checkpoint11.Attention/AttentionBackwardTests.cs:line 103",
            "   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)");

        string? site = Blame.Describe(trace, "System.ArgumentException : MatMul: cannot multiply 3x2 by 3x2 — inner dimensions 2 and 3 differ.");

        site.ShouldBe("your code: Attention.Backward in exercises/Checkpoint11.Attention/Attention.cs:line 100 — it passed arguments that LinearAlgebra.MatMul (checkpoint 1) refuses");
    }

    [Test]
    public void The_caller_is_found_by_the_tests_checkpoint_through_the_shared_methods_own_helpers_and_the_librarys_throw_helpers()
    {
        string algebra = Learner("LinearAlgebra.cs", "namespace NeuralNet;");
        string attention = Learner("SelfAttention.cs", "namespace NeuralNet;", "Checkpoint11.Attention");
        string trace = string.Join('\n',
            "   at System.ArgumentOutOfRangeException.ThrowIfNegative[T](T value, String paramName)",
            $"   at NeuralNet.LinearAlgebra.RequireShape(Matrix a) in {algebra}:line 12",
            $"   at NeuralNet.LinearAlgebra.Add(Matrix a, Matrix b) in {algebra}:line 80",
            $"   at NeuralNet.SelfAttention.Forward(AttentionLayer layer, Matrix x) in {attention}:line 31",
            $"   at NeuralNet.SelfAttention.Backward(AttentionLayer layer, Matrix x) in {attention}:line 47");

        string? site = Blame.Describe(trace, "System.ArgumentOutOfRangeException : rows ('-1') must be a non-negative value.", checkpoint: 11);

        site.ShouldBe("your code: SelfAttention.Forward in exercises/Checkpoint11.Attention/SelfAttention.cs:line 31 — it passed arguments that LinearAlgebra.RequireShape (checkpoint 1) refuses");
    }

    [TestCase("System.IndexOutOfRangeException : Index was outside the bounds of the array.", "", TestName = "An_index_error_inside_a_finished_checkpoints_MatMul_is_still_blamed_on_MatMul")]
    [TestCase("System.ArgumentOutOfRangeException : Index was out of range.", "   at System.Collections.Generic.List`1.get_Item(Int32 index)", TestName = "An_ArgumentException_the_library_throws_inside_a_finished_checkpoints_MatMul_is_still_blamed_on_MatMul")]
    [TestCase("System.ArgumentException : MatMul: cannot multiply 2x3 by 2x3 — inner dimensions 3 and 2 differ.", "", TestName = "An_ArgumentException_MatMul_throws_in_its_own_checkpoints_test_is_blamed_on_MatMul")]
    public void A_fault_of_the_shared_method_itself_is_blamed_on_it(string message, string libraryFrame)
    {
        string algebra = Learner("LinearAlgebra.cs", "namespace NeuralNet;");
        string attention = Learner("Attention.cs", "namespace NeuralNet;", "Checkpoint11.Attention");
        bool ownTest = message.Contains("MatMul:", StringComparison.Ordinal);
        string[] frames =
        [
            libraryFrame,
            $"   at NeuralNet.LinearAlgebra.MatMul(Matrix a, Matrix b) in {algebra}:line 52",
            ownTest ? string.Empty : $"   at NeuralNet.Attention.Attend(Matrix queries, Matrix keys, Matrix values, Boolean causal) in {attention}:line 64",
            ownTest
                ? $"   at Kata.Tests.Checkpoint01.MatMulTests.MatMul_of_two_matrices() in {_dir}/tests/Kata.Tests/Checkpoint01.LinearAlgebra/MatMulTests.cs:line 20"
                : $"   at Kata.Tests.Checkpoint11.ScaledDotProductTests.Attend_weights_the_values() in {_dir}/tests/Kata.Tests/Checkpoint11.Attention/ScaledDotProductTests.cs:line 40",
        ];

        string? site = Blame.Describe(string.Join('\n', frames.Where(f => f.Length > 0)), message);

        site.ShouldBe("your code: LinearAlgebra.MatMul in exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 52");
    }

    private string Learner(string name, string firstLine, string checkpoint = "Checkpoint01.LinearAlgebra")
    {
        string folder = Path.Combine(_dir, "exercises", checkpoint);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, firstLine + "\n");
        return path;
    }
}
