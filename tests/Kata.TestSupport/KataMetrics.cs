using System.Globalization;

namespace Kata.TestSupport;

/// <summary>
/// Numbers a test reports for the grader besides pass/fail, such as the MNIST test accuracy. They reach
/// the kata logger as <c>[kata-metric] name=value</c> lines and end up in its JSON and in grade.json.
/// </summary>
public static class KataMetrics
{
    /// <summary>Lines starting with this carry a metric.</summary>
    public const string Prefix = "[kata-metric] ";

    /// <summary>The name under which the graded MNIST test reports its test accuracy.</summary>
    public const string MnistAccuracy = "mnist.accuracy";

    /// <summary>The name under which checkpoint 9's graded test (all ten digits) reports its test accuracy.</summary>
    public const string Mnist10Accuracy = "mnist10.accuracy";

    /// <summary>The name under which checkpoint 13's graded test (checkpoint 4's run through autograd) reports its test accuracy.</summary>
    public const string MnistAutogradAccuracy = "mnist-autograd.accuracy";

    /// <summary>The name under which checkpoint 14's graded test reports the share of held-out additions its model completed exactly.</summary>
    public const string AdditionAccuracy = "addition.accuracy";

    /// <summary>Reports <paramref name="value"/> under <paramref name="name"/> (round-trip precision).</summary>
    public static void Report(string name, double value) =>
        TestContext.Progress.WriteLine($"{Prefix}{name}={value.ToString("R", CultureInfo.InvariantCulture)}");
}
