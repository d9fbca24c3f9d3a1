using System.CommandLine;
using Kata.Core;

namespace Kata.Cli.Commands;

/// <summary>`kata docs` — regenerates the hint sections of checkpoints.md from curriculum.json.</summary>
public static class DocsCommand
{
    public static Command Create()
    {
        var command = new Command("docs", "Maintainers: rewrite the hint sections of checkpoints.md from curriculum.json.");
        command.SetAction(_ =>
        {
            string path = Path.Combine(KataPaths.Root, "checkpoints.md");
            string before = File.ReadAllText(path);
            string after = HintsMarkdown.Apply(before, Curriculum.Load());
            if (after == before)
            {
                Console.WriteLine("checkpoints.md already shows the hints of curriculum.json.");
                return 0;
            }

            File.WriteAllText(path, after);
            Console.WriteLine("Rewrote the hint sections of checkpoints.md from curriculum.json.");
            return 0;
        });
        return command;
    }
}
