using System.Globalization;
using System.Xml.Linq;

namespace Kata.Maintainer.Verify;

/// <summary>
/// The results of a test run as VSTest's own TRX logger wrote them. The tooling tests are run with
/// coverlet's collector, and with a data collector in the run VSTest hands the kata logger the start and
/// the end of the run but none of its results (seen with the SDK 10.0.401: 0 of 15 results, while the TRX
/// and console loggers of the same run had all 15); the TRX file has them all.
/// </summary>
public static class TrxResults
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Every result of the TRX file at <paramref name="path"/>, or none when there is no such file.</summary>
    public static List<TestRecord> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        XElement run = XDocument.Load(path).Root!;
        var classes = run.Descendants(Ns + "UnitTest").ToDictionary(
            test => (string)test.Attribute("id")!,
            test => (string?)test.Element(Ns + "TestMethod")?.Attribute("className") ?? string.Empty,
            StringComparer.Ordinal);
        return
        [
            .. from result in run.Descendants(Ns + "UnitTestResult")
               let name = (string)result.Attribute("testName")!
               let className = classes.GetValueOrDefault((string)result.Attribute("testId")!, string.Empty)
               let outcome = (string?)result.Attribute("outcome") switch
               {
                   "Passed" => "Passed",
                   "Failed" or "Error" or "Timeout" or "Aborted" => "Failed",
                   "NotExecuted" => "Skipped",
                   _ => "None",
               }
               let message = (string?)result.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")
               let duration = TimeSpan.TryParse((string?)result.Attribute("duration"), CultureInfo.InvariantCulture, out TimeSpan d) ? d.TotalSeconds : 0
               select new TestRecord(name, className.Length > 0 ? $"{className}.{name}" : name, outcome, null, null, message, duration),
        ];
    }
}
