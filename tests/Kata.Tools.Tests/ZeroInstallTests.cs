using System.Text.Json;
using System.Text.RegularExpressions;
using Kata.Cli.Infrastructure;
using Kata.Core;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace Kata.Tools.Tests;

/// <summary>
/// Starting without installing anything: the devcontainer (a codespace) and the shared VS Code settings,
/// whose Test Explorer shows the tests by checkpoint.
/// </summary>
public sealed partial class ZeroInstallTests
{
    private static readonly string DevcontainerFile = Path.Combine(KataPaths.Root, ".devcontainer", "devcontainer.json");

    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Test]
    public void The_devcontainer_starts_from_the_dotnet_10_SDK_with_the_CSharp_extension_restored_packages_and_MNIST()
    {
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(DevcontainerFile), Jsonc);
        JsonElement root = config.RootElement;

        (root.GetProperty("image").GetString() ?? string.Empty).ShouldMatch(@"^mcr\.microsoft\.com/devcontainers/dotnet:(\d+-)?10\.0(-[a-z]+)?$");
        string[] extensions = [.. root.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions").EnumerateArray().Select(e => e.GetString()!)];
        extensions.ShouldContain("ms-dotnettools.csharp");
        string create = root.GetProperty("onCreateCommand").GetString()!;
        create.ShouldContain("dotnet restore NeuralNetKata.slnx");
        create.ShouldContain("./kata data");

        using JsonDocument recommended = JsonDocument.Parse(File.ReadAllText(Path.Combine(KataPaths.Root, ".vscode", "extensions.json")), Jsonc);
        recommended.RootElement.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()).ShouldBe(extensions, ignoreOrder: true);
    }

    [Test]
    public void The_devcontainer_CLI_reads_the_configuration()
    {
        string cli = Path.Combine(NodeTools.Folder(), "node_modules", "@devcontainers", "cli", "devcontainer.js");

        // No container engine needed: "docker ps", which looks for a running container of this folder,
        // is /bin/true here and finds none. (The CLI's parser forgives broken JSON, so the test above parses
        // the file strictly; this one checks that the CLI reads the same configuration.)
        (int exit, string output, string errors) = NodeTools.Node([cli, "read-configuration", "--workspace-folder", KataPaths.Root, "--docker-path", "/bin/true", "--log-format", "json"]);

        exit.ShouldBe(0, errors);
        using JsonDocument read = JsonDocument.Parse(output);
        JsonElement configuration = read.RootElement.GetProperty("configuration");
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(DevcontainerFile), Jsonc);
        configuration.GetProperty("image").GetString().ShouldBe(file.RootElement.GetProperty("image").GetString());
        configuration.GetProperty("onCreateCommand").GetString().ShouldBe(file.RootElement.GetProperty("onCreateCommand").GetString());
        configuration.GetProperty("configFilePath").GetProperty("fsPath").GetString().ShouldBe(DevcontainerFile);
    }

    [Test]
    public void The_shared_editor_settings_are_committed_and_personal_ones_ignored()
    {
        string log = Path.Combine(Path.GetTempPath(), $"kata-check-ignore-{Environment.ProcessId}.log");
        foreach ((string path, bool ignored) in (IEnumerable<(string, bool)>)
        [
            (".vscode/extensions.json", false), (".vscode/settings.json", false), (".devcontainer/devcontainer.json", false),
            (".vscode/launch.json", true),
        ])
        {
            // git check-ignore exits 0 when the path is ignored, 1 when it is not.
            ProcessRunner.Run("git", ["check-ignore", "--quiet", "--no-index", path], KataPaths.Root, log).ExitCode
                .ShouldBe(ignored ? 0 : 1, $"{path} should {(ignored ? string.Empty : "not ")}be ignored");
        }
    }

    [Test]
    [NonParallelizable]
    public void Every_test_reaches_the_Test_Explorer_with_its_Checkpoint_as_a_trait()
    {
        // The Test Explorers of Visual Studio, Rider and VS Code's C# Dev Kit discover tests through VSTest,
        // as here; VS Code shows them under their namespaces (Kata.Tests.Checkpoint01, …), Visual Studio
        // groups them by the trait too. Discovery in a fresh process, as an IDE does it.
        string project = Path.Combine(KataPaths.Root, "tests", "Kata.Tests", "Kata.Tests.csproj");
        string log = Path.Combine(KataPaths.Root, "artifacts", "verify", "discovery-build.log");
        DotnetTest.Build(KataPaths.Root, "solutions", log, project).ShouldBeTrue($"the tests did not build; see {log}");
        string assembly = Path.Combine(KataPaths.Root, "tests", "Kata.Tests", "bin", "Debug", "net10.0", "Kata.Tests.dll");

        List<TestCase> tests;
        var explorer = new TestExplorer();
        using (explorer)
        {
            tests = explorer.Discover(assembly);
        }

        tests.Count.ShouldBeGreaterThan(300, string.Join('\n', explorer.Messages));
        string[] wrong =
        [
            .. from test in tests
               let space = CheckpointNamespace().Match(test.FullyQualifiedName)
               where space.Success
               let traits = test.Traits.Where(t => t.Name == "Checkpoint").Select(t => t.Value).ToList()
               where traits.Count != 1 || traits[0] != int.Parse(space.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)
               select $"{test.FullyQualifiedName}: Checkpoint trait {string.Join(", ", traits)}",
        ];
        wrong.ShouldBeEmpty();
        tests.Count(t => CheckpointNamespace().IsMatch(t.FullyQualifiedName)).ShouldBeGreaterThan(300);
    }

    [GeneratedRegex(@"^Kata\.Tests\.Checkpoint(?<n>\d+)\.")]
    private static partial Regex CheckpointNamespace();
}
