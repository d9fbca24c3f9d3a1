using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>Which stub to write first: the order of the methods in the learner's files.</summary>
public sealed class StubOrderTests
{
    [Test]
    public void Methods_of_the_same_name_in_two_types_are_ordered_by_their_own_type()
    {
        // Attention.Backward comes before SelfAttention.Forward, which comes before SelfAttention.Backward,
        // although " Backward(" is first found in Attention.
        IReadOnlyList<string> sources =
        [
            "public static class Attention\n{\n    public static Matrix Attend(Matrix q) { }\n    public static Matrix Backward(Matrix q) { }\n}\n",
            "public sealed class AttentionLayer\n{\n}\n",
            "public static class SelfAttention\n{\n    public static Matrix Forward(this AttentionLayer l) { }\n    public static Matrix Backward(this AttentionLayer l) { }\n}\n",
        ];
        TestRecord[] failures = [Stub("SelfAttention", "Backward"), Stub("SelfAttention", "Forward"), Stub("Attention", "Backward"), Stub("Attention", "Attend")];

        StubOrder.Ordered(failures, sources).Select(StubOrder.MethodOf).ShouldBe(
            ["Attention.Attend", "Attention.Backward", "SelfAttention.Forward", "SelfAttention.Backward"]);
    }

    private static TestRecord Stub(string type, string method) => new(
        $"{method}_test", $"Kata.Tests.{type}Tests.{method}_test", "Failed", 11, null,
        $"{StubOrder.StubPrefix} Checkpoint 11: implement {type}.{method} — do it (checkpoints.md#11-attention).", 0.01);
}
