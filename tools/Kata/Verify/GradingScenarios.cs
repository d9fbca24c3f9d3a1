using System.Diagnostics;
using Kata.Cli.Grading;
using Kata.Cli.Release;
using Kata.Core;

namespace Kata.Cli.Verify;

/// <summary>
/// The maintainer's proof that grading can be trusted: the reference solutions get full marks, the
/// stubs get nothing, a submission that edits a test to pass, loops forever in one method and
/// overflows the stack in another still gets a correct grade within minutes, and grading the same
/// submission twice gives identical grade.json.
/// </summary>
public static class GradingScenarios
{
    public static void Run(string root, string scratch, List<string> problems, TextWriter progress)
    {
        var curriculum = Curriculum.Load(root);

        // 1. The reference solutions, submitted as a learner's exercises/.
        string solutions = Submission(root, scratch, "solutions", dir =>
        {
            Directory.Delete(Path.Combine(dir, "exercises"), recursive: true);
            CopyTree(Path.Combine(root, "solutions"), Path.Combine(dir, "exercises"));
        });
        GradeReport full = Grade(curriculum, root, solutions, scratch, "solutions", progress);
        foreach (CheckpointGrade c in full.Checkpoints.Where(c => c.Total == 0 || c.Passed != c.Total))
        {
            problems.Add($"grading the solutions: checkpoint {c.Id} got {c.Passed}/{c.Total} ({c.Status})");
        }

        if (!full.Passed || full.Score != full.MaxScore)
        {
            problems.Add($"grading the solutions: score {full.Score}/{full.MaxScore}, passed={full.Passed}; expected full marks and a pass");
        }

        // 2. The stubs, twice: nothing passes, and the two grade.json files are byte-identical.
        string stubs = Submission(root, scratch, "stubs", _ => { });
        GradeReport first = Grade(curriculum, root, stubs, scratch, "stubs", progress);
        GradeReport second = Grade(curriculum, root, stubs, scratch, "stubs", progress);
        if (first.Score != 0 || first.Passed || first.Checkpoints.Any(c => c.Passed > 0))
        {
            problems.Add($"grading the stubs: score {first.Score}, passed={first.Passed}; expected 0 and not passed");
        }

        if (first.ToJson() != second.ToJson())
        {
            problems.Add("grading the stubs twice gave different grade.json files: grading is not deterministic");
        }

        // 3. The solutions, broken on purpose: Dot thrown away but one of its tests edited to pass
        //    trivially, an endless loop in Scale, endless recursion (a stack overflow that kills the
        //    test host) in Derivative. Only the tests that meet them may fail; checkpoint 3 keeps
        //    every point; the edited test is named.
        const string EditedTest = "tests/NeuralNet.Tests/Checkpoint1.LinearAlgebra/DotTests.cs";
        string adversarial = Submission(root, scratch, "adversarial", dir =>
        {
            Directory.Delete(Path.Combine(dir, "exercises"), recursive: true);
            CopyTree(Path.Combine(root, "solutions"), Path.Combine(dir, "exercises"));
            Replace(Path.Combine(dir, EditedTest), "LinearAlgebra.Dot([-3], [7]).ShouldBe(-21.0, Tolerance);", "(-21.0).ShouldBe(-21.0, Tolerance);");
            string linearAlgebra = Path.Combine(dir, "exercises/Checkpoint1.LinearAlgebra/LinearAlgebra.cs");
            Replace(linearAlgebra, "    public static double Dot(double[] a, double[] b)\n    {\n", "    public static double Dot(double[] a, double[] b)\n    {\n        throw new NotImplementedException(\"removed by the verify scenario\");\n");
            Replace(linearAlgebra, "    public static Matrix Scale(Matrix a, double factor)\n    {\n", "    public static Matrix Scale(Matrix a, double factor)\n    {\n        while (factor == factor) { }\n");
            Replace(
                Path.Combine(dir, "exercises/Checkpoint2.Optimization/Calculus.cs"),
                "    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep)\n    {\n",
                "    public static double Derivative(Func<double, double> f, double x, double h = DefaultStep)\n    {\n        return Derivative(f, x, h);\n");
        });
        var clock = Stopwatch.StartNew();
        GradeReport adversarialGrade = Grade(curriculum, root, adversarial, scratch, "adversarial", progress);
        clock.Stop();
        CheckpointGrade one = adversarialGrade.Checkpoints.Single(c => c.Id == 1);
        CheckpointGrade two = adversarialGrade.Checkpoints.Single(c => c.Id == 2);
        CheckpointGrade three = adversarialGrade.Checkpoints.Single(c => c.Id == 3);
        if (one.Failures.FirstOrDefault(f => f.Test == "Dot_of_vectors_of_length_one_is_the_product") is null)
        {
            problems.Add("grading a submission with an edited test: the edited Dot test passed; it must run as originally written");
        }

        if (!adversarialGrade.Tampered.Contains($"{EditedTest} (modified)"))
        {
            problems.Add($"grading a submission with an edited test: the grade does not name {EditedTest}");
        }

        if (!one.Failures.Any(f => f.Test.Contains("Scale", StringComparison.Ordinal) && f.Message.Contains("took longer than", StringComparison.Ordinal)))
        {
            problems.Add("grading a submission with an endless loop in Scale: no Scale test failed with \"took longer than\"");
        }

        if (one.Passed == 0 || one.Passed == one.Total)
        {
            problems.Add($"grading the broken solutions: checkpoint 1 got {one.Passed}/{one.Total}; only the Dot and Scale tests should fail");
        }

        if (!two.Status.StartsWith("crashed", StringComparison.Ordinal) || two.Total != full.Checkpoints.Single(c => c.Id == 2).Total)
        {
            problems.Add($"grading a submission whose checkpoint 2 overflows the stack: status \"{two.Status}\", {two.Passed}/{two.Total}; expected a crash that keeps the full total");
        }

        if (three.Passed != three.Total || three.Total == 0)
        {
            problems.Add($"grading a submission that crashes in checkpoint 2: checkpoint 3 got {three.Passed}/{three.Total}; a crash must not cost other checkpoints");
        }

        if (clock.Elapsed > TimeSpan.FromMinutes(5))
        {
            problems.Add($"grading a submission with an endless loop took {clock.Elapsed.TotalMinutes:0.0} min; it must take minutes, not hours");
        }

        progress.WriteLine($"     solutions {full.Score}/{full.MaxScore}; stubs {first.Score}; adversarial graded in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static GradingSession? _session;

    private static GradeReport Grade(Curriculum curriculum, string root, string submission, string scratch, string name, TextWriter progress)
    {
        _session ??= ClassGrading.Open(root, Path.Combine(root, "artifacts", "cache"), sandboxed: true, progress);
        return new Grader(_session, TextWriter.Null).Grade(name, submission, Path.Combine(scratch, "logs", name));
    }

    // A copy of this repository's files as a learner would submit them, changed by `edit`.
    private static string Submission(string root, string scratch, string name, Action<string> edit)
    {
        string dir = Path.Combine(scratch, "submissions", name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        foreach (string relative in ReleaseExport.TrackedFiles(root))
        {
            string to = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(root, relative), to);
        }

        edit(dir);
        return dir;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static void Replace(string path, string from, string to)
    {
        string text = File.ReadAllText(path);
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The verify scenario could not find the text to change in {path}; update GradingScenarios.");
        }

        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
