using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Kata.Cli.Grading;
using Kata.Cli.Infrastructure;
using Kata.Core;
using Kata.Instructor.Autograder;

namespace Kata.Tools.Tests;

/// <summary>
/// The kata as Gradescope's and PrairieLearn's autograder: results.json in each platform's format, checked
/// against a JSON schema written from its documentation (tools/Kata.Instructor/Autograder/Schemas), and the
/// zip of `kata release --gradescope` (verify runs it end to end on a fake /autograder layout).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class AutograderTests
{
    private static readonly Lazy<JsonSchema> Gradescope = new(() => Schema("gradescope-results.schema.json"));
    private static readonly Lazy<JsonSchema> PrairieLearn = new(() => Schema("prairielearn-results.schema.json"));

    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-autograder-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Gradescope_results_hide_the_hold_outs_until_the_due_date_and_give_each_method_its_points()
    {
        (GradeReport grade, Plan plan) = SmallGrade();

        JsonObject results = Valid(Gradescope.Value, GradescopeResults.Json(grade, plan));

        results["score"]!.GetValue<double>().ShouldBe(15 + 5, "the grade's score and bonus");
        JsonObject[] tests = [.. results["tests"]!.AsArray().Select(t => t!.AsObject())];
        JsonObject Test(string name) => tests.Single(t => t["name"]!.GetValue<string>() == name);
        JsonObject dot = Test("1. Linear algebra: LinearAlgebra.Dot");
        (dot["score"]!.GetValue<double>(), dot["max_score"]!.GetValue<double>()).ShouldBe((10.0, 10.0));
        dot["visibility"]!.GetValue<string>().ShouldBe("after_due_date", "a method's points depend on its hold-outs");
        JsonObject matMul = Test("1. Linear algebra: LinearAlgebra.MatMul");
        (matMul["score"]!.GetValue<double>(), matMul["max_score"]!.GetValue<double>()).ShouldBe((0.0, 10.0), "one of its tests fails");
        Test("1. MatMul_of_a_2x3_and_a_3x2").ShouldSatisfyAllConditions(
            t => t["status"]!.GetValue<string>().ShouldBe("failed"),
            t => t["output"]!.GetValue<string>().ShouldBe("expected 22 but was 0"),
            t => t["visibility"]!.GetValue<string>().ShouldBe("visible"));
        Test("1. Dot_of_drawn_vectors").ShouldSatisfyAllConditions(
            t => t["status"]!.GetValue<string>().ShouldBe("passed"),
            t => t["visibility"]!.GetValue<string>().ShouldBe("after_due_date", "a hold-out"));
        Test("5. Reflection: read by your instructor").ContainsKey("score").ShouldBeFalse("the essay's points are the instructor's");
        results["leaderboard"]![0]!["value"]!.GetValue<double>().ShouldBe(97.12);
        Test("4. Network_learns_MNIST").ShouldSatisfyAllConditions(t => t["output"]!.GetValue<string>().ShouldContain("97.12 %"));
    }

    [Test]
    public void PrairieLearn_results_score_the_required_points_and_code_that_does_not_compile_is_not_gradable()
    {
        (GradeReport grade, Plan plan) = SmallGrade();

        JsonObject results = Valid(PrairieLearn.Value, PrairieLearnResults.Json(grade, plan));
        JsonObject broken = Valid(PrairieLearn.Value, PrairieLearnResults.Json(grade with { Build = new BuildGrade(false, ["LinearAlgebra.cs(3,1): error CS1002: ; expected"]) }, plan));

        results["gradable"]!.GetValue<bool>().ShouldBeTrue();
        results["score"]!.GetValue<double>().ShouldBe(0.3, "15 of the 50 required points the tests establish (the essay's 10 are read, the bonus is apart)");
        results["tests"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["1. LinearAlgebra.Dot", "1. LinearAlgebra.MatMul", "4. Training.Train", "6. Activations.Tanh"]);
        results["tests"]![1]!["output"]!.GetValue<string>().ShouldBe("MatMul_of_a_2x3_and_a_3x2: expected 22 but was 0");
        broken["gradable"]!.GetValue<bool>().ShouldBeFalse();
        broken["format_errors"]![0]!.GetValue<string>().ShouldContain("CS1002");
        broken.ContainsKey("score").ShouldBeFalse();
    }

    [Test]
    public void The_schemas_refuse_what_the_platforms_do_not_accept()
    {
        Gradescope.Value.Evaluate(Parse("""{ "tests": [ { "name": "x", "status": "passed" } ] }""")).IsValid.ShouldBeFalse("no score anywhere");
        Gradescope.Value.Evaluate(Parse("""{ "score": 1, "tests": [ { "visibility": "later" } ] }""")).IsValid.ShouldBeFalse("an unknown visibility");
        Gradescope.Value.Evaluate(Parse("""{ "score": 1, "leaderbord": [] }""")).IsValid.ShouldBeFalse("a misspelt field");
        PrairieLearn.Value.Evaluate(Parse("""{ "score": 1.5 }""")).IsValid.ShouldBeFalse("a score above 1");
        PrairieLearn.Value.Evaluate(Parse("""{ "message": "no score" }""")).IsValid.ShouldBeFalse("a gradable result without a score");
        PrairieLearn.Value.Evaluate(Parse("""{ "gradable": false, "format_errors": "does not compile" }""")).IsValid.ShouldBeTrue();
    }

    // The zip graded end to end (the reference with full marks, the stubs with nothing, each results.json
    // byte for byte the first grade's) is verify's: its second grades of the solutions and the stubs go
    // through run_autograder on a fake layout (Kata.Maintainer/Verify/GradescopeLayout.cs), where the
    // first grades are there to compare with.
    [Test]
    public void The_Gradescope_zip_holds_the_kata_without_the_reference_its_grade_key_and_runnable_scripts()
    {
        string root = KataPaths.Root;
        string zipFolder = Path.Combine(_dir, "zip");
        ProcessResult release = ProcessRunner.Run(
            Path.Combine(root, "kata"), ["release", "--gradescope", zipFolder], root, Path.Combine(_dir, "release.log"),
            new Dictionary<string, string?> { ["KATA_GRADE_KEY"] = "autograder-test" }, timeout: TimeSpan.FromMinutes(10));
        release.ExitCode.ShouldBe(0, File.ReadAllText(Path.Combine(_dir, "release.log")));

        string source = Path.Combine(_dir, "autograder", "source");
        ZipFile.ExtractToDirectory(Path.Combine(zipFolder, AutograderZip.FileName), source);
        File.Exists(Path.Combine(source, "setup.sh")).ShouldBeTrue();
        Directory.Exists(Path.Combine(source, "kata", "solutions")).ShouldBeFalse("the reference never ships, not even to the platform");
        Directory.EnumerateFiles(Path.Combine(source, "kata", "tests"), "*.cs", SearchOption.AllDirectories).ShouldContain(f => f.Contains("/HoldOut/", StringComparison.Ordinal), "the grader needs the hold-outs");
        File.ReadAllText(Path.Combine(source, "grade-key")).Trim().ShouldBe("autograder-test");
        foreach (string script in (string[])["run_autograder", "setup.sh"])
        {
            (OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(source, script)).HasFlag(UnixFileMode.UserExecute)).ShouldBeTrue($"{script} is executable");
            ProcessRunner.Run("bash", ["-n", Path.Combine(source, script)], _dir, Path.Combine(_dir, $"{script}-syntax.log")).ExitCode.ShouldBe(0, $"{script} is valid bash");
        }
    }

    // A grade of five checkpoints: Dot complete (hold-out included), MatMul with a failing visible test,
    // checkpoint 4's MNIST run at 97.12 %, the essay, a bonus method.
    private static (GradeReport Grade, Plan Plan) SmallGrade()
    {
        PlannedTest T(int checkpoint, string name, string method, string? kind = null, string? run = null) =>
            new($"Kata.Tests.C{checkpoint}.{name}", name, checkpoint, kind, [method], run);
        PlannedTest[] tests =
        [
            T(1, "Dot_of_two_vectors", "LinearAlgebra.Dot"), T(1, "Dot_of_drawn_vectors", "LinearAlgebra.Dot", "HoldOut"),
            T(1, "MatMul_of_a_2x3_and_a_3x2", "LinearAlgebra.MatMul"), T(1, "MatMul_of_drawn_matrices", "LinearAlgebra.MatMul", "HoldOut"),
            T(4, "Network_learns_MNIST", "Training.Train", run: "mnist"), T(5, "Reflection_answers_every_question", "(essay)"),
            T(6, "Tanh_of_zero", "Activations.Tanh"), new("Kata.Tests.Rules.Public_api", "Public_api", null, "Rules", [], null),
        ];
        CheckpointGrade[] checkpoints =
        [
            new(1, "Linear algebra", true, false, 3, 4, 10, 20, "1 failing",
                [new("LinearAlgebra.Dot", 2, 2, true, 10), new("LinearAlgebra.MatMul", 1, 2, false, 0)], [new("MatMul_of_a_2x3_and_a_3x2", "expected 22 but was 0")]),
            new(4, "Learning", true, false, 1, 1, 5, 30, "complete", [new("Training.Train", 1, 1, true, 30)], []),
            new(5, "Reflection", true, true, 1, 1, 10, 10, "complete", [new("(essay)", 1, 1, true, 10)], []),
            new(6, "Activations", false, false, 1, 1, 5, 5, "complete", [new("Activations.Tanh", 1, 1, true, 5)], []),
        ];
        var grade = new GradeReport(
            "ada", 15, 60, 10, [5], 5, 5, false, "bubblewrap", new MnistGrade(0.9712, 0.8, "Accuracy 97.12 % on the t10k digits 0–4."),
            checkpoints, new RulesGrade(true, []), new BuildGrade(true, []), [], [], []);
        return (grade, new Plan("hash", tests, []));
    }

    private static JsonObject Valid(JsonSchema schema, string json)
    {
        EvaluationResults result = schema.Evaluate(Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue(string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")) + "\n" + json[..Math.Min(2000, json.Length)]);
        return JsonNode.Parse(json)!.AsObject();
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonSchema Schema(string name) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(KataPaths.Root, "tools", "Kata.Instructor", "Autograder", "Schemas", name)));
}
