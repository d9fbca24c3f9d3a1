using System.CommandLine;
using Kata.Core;

namespace Kata.Cli.Commands;

/// <summary>`kata docs` — regenerates what curriculum.json decides: hint sections, Classroom workflow.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var command = new Command("docs", "Maintainers: rewrite what is generated from curriculum.json (the hints in checkpoints.md, the Classroom workflow).");
        command.SetAction(_ =>
        {
            var curriculum = Curriculum.Load();
            Update("checkpoints.md", before => HintsMarkdown.Apply(before, curriculum));
            Update(ClassroomWorkflow.RelativePath, _ => ClassroomWorkflow.Render(curriculum));
            return 0;
        });
        return command;
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
        Console.WriteLine($"Rewrote {relative} from curriculum.json.");
    }
}
