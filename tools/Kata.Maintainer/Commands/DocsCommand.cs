using System.CommandLine;

namespace Kata.Maintainer.Commands;

/// <summary>`kata docs` — regenerates what curriculum.json decides: hint sections, Classroom workflow.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var command = new Command("docs", "Maintainers: rewrite what is generated (the hints in checkpoints.md and the Classroom workflow from curriculum.json; the file roles in docs/architecture.md from file-roles.json; the stubs' public API listing from a build of exercises/).");
        command.SetAction(_ =>
        {
            var curriculum = Curriculum.Load();
            Update("checkpoints.md", before => HintsMarkdown.Apply(before, curriculum));
            Update(ClassroomWorkflow.RelativePath, _ => ClassroomWorkflow.Render(curriculum));
            Update(FileRoles.DocsPath, FileRoles.Load().Apply);
            return UpdatePublicApi();
        });
        return command;
    }

    // The listing the rules test compares the learner's public API with. Built from the stubs, so only a
    // maintainer's copy (whose exercises/ are the stubs) should write it.
    private static int UpdatePublicApi()
    {
        string root = KataPaths.Root;
        if (!Directory.Exists(Path.Combine(root, "solutions")))
        {
            Console.WriteLine($"{PublicApi.FileName} is written from the stubs in a maintainer's copy; this copy has no solutions/, so it is left alone.");
            return ExitCodes.Ok;
        }

        string log = Path.Combine(root, "artifacts", "docs", "build.log");
        if (!DotnetTest.Build(root, "exercises", log))
        {
            Console.Error.WriteLine($"The stubs do not build, so {PublicApi.FileName} was not rewritten; see {log}.");
            return ExitCodes.NotYet;
        }

        IReadOnlyList<string> api = LearnerAssemblies.PublicApi(LearnerAssemblies.Find(root));
        Update(PublicApi.FileName, _ =>
            "# The public API of the learner's code (exercises/ and solutions/ alike), one line per type and member.\n"
            + "# Generated from the stubs by ./kata docs; a rules test compares your code with it, and grading refuses\n"
            + "# code whose public API differs. Helpers you add must be private or internal.\n"
            + string.Join('\n', api) + "\n");
        return ExitCodes.Ok;
    }

    private static void Update(string relative, Func<string, string> render)
    {
        string path = Path.Combine(KataPaths.Root, relative);
        string before = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        string after = render(before);
        if (after == before)
        {
            Console.WriteLine($"{relative} is up to date.");
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, after);
        Console.WriteLine($"Rewrote {relative}.");
    }
}
