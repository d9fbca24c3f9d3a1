using Kata.Cli.Grading;

namespace Kata.Tools.Tests;

/// <summary>Grades as the grader writes them, made up for the class report's tests: a small class.</summary>
internal static class SampleClass
{
    private static readonly (int Id, string Title, bool Required, bool Reads, int Points, int Tests)[] Checkpoints =
    [
        (1, "Linear algebra", true, false, 20, 10),
        (2, "Optimization", true, false, 15, 8),
        (3, "The network", true, false, 20, 10),
        (4, "Learning", true, false, 35, 12),
        (5, "Reflection", true, true, 10, 4),
        (6, "Activations", false, false, 10, 6),
    ];

    /// <summary>
    /// A learner who completed checkpoints 1 to <paramref name="completed"/>; in the next one
    /// <paramref name="mistake"/> fails (besides a method not written yet) when given.
    /// </summary>
    public static GradeReport Grade(string name, int completed, double? accuracy, FailedTest? mistake = null, params GradeFlag[] flags)
    {
        var checkpoints = new List<CheckpointGrade>();
        foreach ((int id, string title, bool required, bool reads, int points, int tests) in Checkpoints)
        {
            bool done = id <= completed;
            bool started = id == completed + 1 && mistake is not null;
            FailedTest stub = new($"{title.Replace(' ', '_')}_stub_test", $"Not implemented yet. Checkpoint {id}: implement it (checkpoints.md#{id}).");
            List<FailedTest> failures = done ? [] : started ? [mistake!, stub] : [stub];
            int passed = done ? tests : started ? tests - 2 : 0;
            checkpoints.Add(new CheckpointGrade(
                id, title, required, reads, passed, tests, done ? points : started ? points / 2.0 : 0, points,
                done ? "complete" : $"{tests - passed} failing", [], failures));
        }

        double score = checkpoints.Where(c => c.Required && !c.InstructorReads).Sum(c => c.Points);
        return new GradeReport(
            name, score, 100, checkpoints.Single(c => c.InstructorReads).Points, [5],
            checkpoints.Where(c => !c.Required).Sum(c => c.Points), 10, completed >= 5, "bubblewrap",
            new MnistGrade(accuracy, 0.8, accuracy is null ? "no report" : "accepted"),
            checkpoints, new RulesGrade(true, []), new BuildGrade(true, []),
            [.. flags.Where(f => f.Kind == "tampered").Select(f => f.Detail)], [], flags);
    }

    /// <summary>Writes <paramref name="grade"/> as DIR/name/grade.json, as a grading job leaves it.</summary>
    public static void Write(string directory, string folder, GradeReport grade)
    {
        Directory.CreateDirectory(Path.Combine(directory, folder));
        File.WriteAllText(Path.Combine(directory, folder, "grade.json"), grade.ToJson());
    }

    /// <summary>Reads roster.csv into rows of fields (quoted fields with commas and doubled quotes).</summary>
    public static List<string[]> ReadCsv(string path)
    {
        var rows = new List<string[]>();
        foreach (string line in File.ReadAllLines(path).Skip(1))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}
