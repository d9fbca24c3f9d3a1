using Kata.Cli.Grading;

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

    private static void Write(string root, string relative, string text)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
