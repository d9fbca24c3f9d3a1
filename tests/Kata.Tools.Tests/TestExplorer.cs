using Kata.Cli.Infrastructure;
using Kata.Core;
using Microsoft.TestPlatform.VsTestConsole.TranslationLayer;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Logging;

namespace Kata.Tools.Tests;

/// <summary>
/// What an IDE's Test Explorer does (Visual Studio, Rider, VS Code's C# Dev Kit): it talks to vstest.console
/// through VSTest's translation layer in design mode, discovers the tests, and runs either a list of the
/// test cases it discovered ("Run All" hands back the whole list) or whole assemblies.
/// </summary>
internal sealed class TestExplorer : IDisposable
{
    private const string DesignMode =
        "<RunSettings><RunConfiguration><DesignMode>true</DesignMode><DisableAppDomain>true</DisableAppDomain></RunConfiguration></RunSettings>";

    private readonly VsTestConsoleWrapper _console = new(VsTestConsole(), new ConsoleParameters());

    public TestExplorer() => _console.StartSession();

    /// <summary>The messages vstest and the adapter logged, for a failure's explanation.</summary>
    public List<string> Messages { get; } = [];

    /// <summary>Every test of <paramref name="assembly"/>, as the Test Explorer lists them.</summary>
    public List<TestCase> Discover(string assembly)
    {
        var found = new Discovered(Messages);
        _console.DiscoverTests([assembly], DesignMode, found);
        return found.Tests;
    }

    /// <summary>Runs exactly these test cases, as "Run All" or running a node of the tree does.</summary>
    public List<TestResult> Run(IEnumerable<TestCase> tests)
    {
        var run = new Ran(Messages);
        _console.RunTests(tests, DesignMode, run);
        return run.Results;
    }

    /// <summary>Runs whole assemblies, as an IDE does when it hands over the test containers instead of a list.</summary>
    public List<TestResult> RunAssembly(string assembly)
    {
        var run = new Ran(Messages);
        _console.RunTests([assembly], DesignMode, run);
        return run.Results;
    }

    public void Dispose() => _console.EndSession();

    /// <summary>vstest.console of the SDK that runs these tests (the one global.json chose).</summary>
    public static string VsTestConsole()
    {
        string log = Path.Combine(Path.GetTempPath(), $"kata-sdk-version-{Environment.ProcessId}.log");
        ProcessRunner.Run("dotnet", ["--version"], KataPaths.Root, log).ExitCode.ShouldBe(0);
        string version = File.ReadAllText(log).Trim();
        string dotnet = NodeTools.OnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        string sdk = Path.Combine(Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet)!, "sdk", version);
        return Path.Combine(sdk, "vstest.console.dll");
    }

    private sealed class Discovered(List<string> messages) : ITestDiscoveryEventsHandler
    {
        public List<TestCase> Tests { get; } = [];

        public void HandleDiscoveredTests(IEnumerable<TestCase>? discoveredTestCases) => Tests.AddRange(discoveredTestCases ?? []);

        public void HandleDiscoveryComplete(long totalTests, IEnumerable<TestCase>? lastChunk, bool isAborted) => Tests.AddRange(lastChunk ?? []);

        public void HandleLogMessage(TestMessageLevel level, string? message) => messages.Add($"{level}: {message}");

        public void HandleRawMessage(string rawMessage)
        {
        }
    }

    private sealed class Ran(List<string> messages) : ITestRunEventsHandler
    {
        public List<TestResult> Results { get; } = [];

        public void HandleLogMessage(TestMessageLevel level, string? message) => messages.Add($"{level}: {message}");

        public void HandleRawMessage(string rawMessage)
        {
        }

        public void HandleTestRunComplete(TestRunCompleteEventArgs testRunCompleteArgs, TestRunChangedEventArgs? lastChunkArgs, ICollection<AttachmentSet>? runContextAttachments, ICollection<string>? executorUris) =>
            Results.AddRange(lastChunkArgs?.NewTestResults ?? []);

        public void HandleTestRunStatsChange(TestRunChangedEventArgs? testRunChangedArgs) => Results.AddRange(testRunChangedArgs?.NewTestResults ?? []);

        public int LaunchProcessWithDebuggerAttached(TestProcessStartInfo testProcessStartInfo) => -1;
    }
}
