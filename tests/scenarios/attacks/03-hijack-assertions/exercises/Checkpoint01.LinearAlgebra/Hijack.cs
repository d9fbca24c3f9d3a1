// Attack 4: assertions replaced at compile time. Extension methods named like Shouldly's and types named
// like NUnit's, in every namespace a test might look in first. None of them checks anything.
namespace NeuralNet
{
    public static class ShouldlyHijack
    {
        public static void ShouldBe(this double actual, double expected, double tolerance) { }

        public static void ShouldBe<T>(this T actual, T expected) { }

        public static void ShouldMatch(this Matrix? actual, Matrix expected, double tolerance) { }

        public static void ShouldRejectWith(this Action action, string[] mustMention) { }

        public static void ShouldHaveShape(this Matrix? actual, int rows, int cols) { }
    }

    public static class Assert
    {
        public static void That(object? actual, object? constraint) { }

        public static void Fail(string message) { }
    }

    public static class Is
    {
        public static object? EqualTo(object? expected) => null;
    }
}

namespace Kata.Tests.Checkpoint01
{
    public static class CloserStill
    {
        public static void ShouldBe(this double actual, double expected, double tolerance) { }

        public static void ShouldMatch(this NeuralNet.Matrix? actual, NeuralNet.Matrix expected, double tolerance) { }
    }
}

namespace Shouldly
{
    public static class InsideShouldly
    {
        public static void ShouldBe(this double actual, double expected, double tolerance) { }
    }
}
