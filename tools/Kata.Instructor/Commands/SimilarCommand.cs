using System.CommandLine;
using System.Globalization;
using Kata.Instructor.Similarity;

namespace Kata.Instructor.Commands;

/// <summary>
/// `kata similar` — every pair of submissions whose learner code is unusually alike, with the shared
/// fragments side by side (docs/class-tools.md). Compares grade folders (their code/), a class's grades or
/// learners' copies of the kata; leaves out what this kata's stubs give.
/// </summary>
public static class SimilarCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("grades-or-submissions")
        {
            Description = "A class's grades (the --out folder of ./kata grade), single grade folders, or learners' copies of the kata.",
            Arity = ArgumentArity.OneOrMore,
        };
        var threshold = new Option<double?>("--threshold")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Flag pairs from this similarity on, between 0 and 1 (default {SimilaritySettings.Default.Threshold}); docs/class-tools.md says what it measures."),
        };
        var output = new Option<string?>("--out") { Description = "Also write the report (markdown) to this file." };
        var command = new Command("similar", "Instructors: find submissions whose code is unusually alike (renamed, reordered or reformatted copies), with the shared fragments side by side.")
        {
            paths, threshold, output,
        };
        command.SetAction(parse => Run(parse.GetValue(paths) ?? [], parse.GetValue(threshold), parse.GetValue(output)));
        return command;
    }

    private static int Run(string[] paths, double? threshold, string? output)
    {
        if (threshold is < 0 or > 1)
        {
            Console.Error.WriteLine($"--threshold needs a number between 0 and 1 (got {threshold.Value.ToString(CultureInfo.InvariantCulture)}).");
            return ExitCodes.Usage;
        }

        IReadOnlyList<SubmissionCode> code;
        try
        {
            code = SimilarityInputs.Read(paths, KataPaths.Root);
        }
        catch (IOException error)
        {
            Console.Error.WriteLine(error.Message);
            return ExitCodes.Usage;
        }

        if (code.Count < 2)
        {
            Console.Error.WriteLine($"Only {code.Count} submission found; comparing needs at least two.");
            return ExitCodes.Usage;
        }

        SimilaritySettings settings = threshold is double t ? SimilaritySettings.Default with { Threshold = t } : SimilaritySettings.Default;
        SimilarityReport report = SimilarityCheck.Compare(code, SimilarityInputs.Pristine(KataPaths.Root), settings);
        string markdown = SimilarityText.Markdown(report);
        Console.Write(markdown);
        if (output is not null)
        {
            GradeFiles.WriteAtomically(Path.GetFullPath(output), markdown);
        }

        return ExitCodes.Ok;
    }
}
