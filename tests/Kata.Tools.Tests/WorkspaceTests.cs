using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// A grade's build folder, kept from one grade to the next (WorkspacePool): what it may skip and when it may not.
/// </summary>
public sealed class WorkspaceTests
{
    [Test]
    public void A_kept_build_folder_skips_the_build_until_a_file_changes_and_the_restore_until_a_file_other_than_a_learners_source_changes()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("kata-workspace-");
        try
        {
            string pristine = Path.Combine(dir.FullName, "pristine"), submission = Path.Combine(dir.FullName, "submission"), target = Path.Combine(dir.FullName, "work");
            const string Code = "exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs";
            foreach (string root in (string[])[pristine, submission])
            {
                Write(root, Code, "// the stub\n");
                Write(root, "exercises/Checkpoint01.LinearAlgebra/Checkpoint01.LinearAlgebra.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
                Write(root, "Directory.Build.props", "<Project />\n");
            }

            Workspace first = Workspace.Create(pristine, submission, target);
            first.Restored.ShouldBeFalse("a new folder has never been restored");
            first.Built.ShouldBeFalse("a new folder has never been built");
            first.MarkBuilt();

            Workspace again = Workspace.Create(pristine, submission, target);
            again.Built.ShouldBeTrue("nothing changed since the last build, which succeeded");
            again.Restored.ShouldBeTrue();

            Write(submission, Code, "// the learner's code\n");
            Workspace edited = Workspace.Create(pristine, submission, target);
            edited.Restored.ShouldBeTrue("only a learner's source changed since the last restore");
            edited.Built.ShouldBeFalse("a learner's source changed: it must be compiled");
            edited.MarkBuilt();

            Write(pristine, "Directory.Build.props", "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>\n");
            Workspace.Create(pristine, submission, target).ShouldSatisfyAllConditions(
                w => w.Restored.ShouldBeFalse("a build file changed: the next build restores again"),
                w => w.Built.ShouldBeFalse("a build file changed: the next build builds again"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void A_folder_built_against_the_stubs_API_and_then_against_the_learners_own_never_keeps_code_compiled_against_the_other()
    {
        // Grades compile against the stubs' assemblies (Directory.Build.targets, KataPristineApi) or, when the
        // learner's API differs, against the learner's own, in the same kept folder. The stubs' files are
        // older than any output, so without the references in MSBuild's compile hash the caller below kept
        // the overload of the submission before (once: every test of checkpoint 1 failed with a TypeLoadException).
        DirectoryInfo dir = Directory.CreateTempSubdirectory("kata-pristine-api-");
        try
        {
            string root = dir.FullName, api = Path.Combine(root, "stubs-api");
            foreach (string file in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"])
            {
                File.Copy(Path.Combine(KataPaths.Root, file), Path.Combine(root, file));
            }

            const string Library = "exercises/Checkpoint01.Api/Api.cs";
            const string Stub = "namespace NeuralNet;\npublic static class Api\n{\n    public static string F(double x) => \"double\";\n}\n";
            const string WithOverload = "namespace NeuralNet;\npublic static class Api\n{\n    public static string F(double x) => \"double\";\n\n    public static string F(int x) => \"int\";\n}\n";
            Write(root, "exercises/Checkpoint01.Api/Checkpoint01.Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
            Write(root, "exercises/Checkpoint02.Caller/Checkpoint02.Caller.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>\n  <ItemGroup><ProjectReference Include=\"../Checkpoint01.Api/Checkpoint01.Api.csproj\" /></ItemGroup>\n</Project>\n");
            Write(root, "exercises/Checkpoint02.Caller/Program.cs", "System.Console.Write(NeuralNet.Api.F(1));\n");

            string Call(string library, bool againstStubs)
            {
                Write(root, Library, library);
                string log = Path.Combine(root, "build.log");
                DotnetTest.Build(root, "exercises", log, Path.Combine(root, "exercises/Checkpoint02.Caller/Checkpoint02.Caller.csproj"), extraArguments: againstStubs ? [$"-p:KataPristineApi={api}"] : [])
                    .ShouldBeTrue(File.ReadAllText(log));
                string run = Path.Combine(root, "run.log");
                ProcessRunner.Run("dotnet", [Path.Combine(root, "exercises/Checkpoint02.Caller/bin/Debug/net10.0/Checkpoint02.Caller.dll")], root, run);
                return File.ReadAllText(run).Trim();
            }

            Call(Stub, againstStubs: false).ShouldBe("double");
            Directory.CreateDirectory(api);
            File.Copy(Path.Combine(root, "exercises/Checkpoint01.Api/bin/Debug/net10.0/Checkpoint01.Api.dll"), Path.Combine(api, "Checkpoint01.Api.dll"));
            Call(WithOverload, againstStubs: false).ShouldBe("int", "compiled against the learner's own API, the caller takes the learner's overload");
            Call(Stub.Replace("=> \"double\"", "=> new[] { \"double\" }.Single(s => s.Length > 0)", StringComparison.Ordinal), againstStubs: true)
                .ShouldBe("double", "compiled against the stubs' API, the caller must be compiled again: the overload it took before is gone");
            Call(WithOverload, againstStubs: false).ShouldBe("int", "back to the learner's own API, the caller must be compiled again");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Write(string root, string relative, string text)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
