using System.Globalization;
using System.Xml.Linq;

namespace Kata.Maintainer.Verify;

/// <summary>
/// How much of the kata's tooling the tooling tests run: the line rates of the Cobertura report that
/// coverlet (the collector every test project references) writes when <c>./kata verify</c> runs them.
/// A figure to watch, not a gate: much of the tooling runs in the processes these tests start (the kata
/// tool, dotnet test, the sandbox), which a collector in the test host does not see.
/// </summary>
public static class ToolingCoverage
{
    /// <summary>What the report leaves out: learner code (the tracks' own tests measure it) and the tests themselves.</summary>
    public const string Excluded = "[Checkpoint*]*,[Kata.Tests]*,[Kata.Tools.Tests]*";

    /// <summary>One line: the overall line rate and each assembly's, with the report's path; or why there is none.</summary>
    public static string Summary(string root, string resultsDirectory)
    {
        string? report = Directory.Exists(resultsDirectory)
            ? Directory.EnumerateFiles(resultsDirectory, "coverage.cobertura.xml", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        if (report is null)
        {
            return "tooling coverage: no report was written (the tooling tests did not run to the end?)";
        }

        XElement coverage = XDocument.Load(report).Root ?? throw new InvalidDataException($"{report} is empty.");
        string packages = string.Join(
            ", ",
            coverage.Descendants("package")
                .Select(p => (Name: (string?)p.Attribute("name") ?? "?", Rate: Rate(p)))
                .OrderByDescending(p => p.Rate)
                .Select(p => $"{p.Name} {p.Rate:P0}"));
        return $"tooling coverage: the tooling tests run {Rate(coverage):P0} of the tooling's lines in their own process ({packages}); report {Path.GetRelativePath(root, report)}";
    }

    private static double Rate(XElement element) =>
        double.TryParse((string?)element.Attribute("line-rate"), NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) ? rate : 0;
}
