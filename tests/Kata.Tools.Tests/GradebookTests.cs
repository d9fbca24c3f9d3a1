using System.Text;
using Kata.Cli.Grading;
using Kata.Instructor.Commands;
using Kata.Instructor.Gradebook;
using Kata.Instructor.Grading;

namespace Kata.Tools.Tests;

/// <summary>
/// The gradebook files of `kata grade`/`kata report --format … --students FILE`: exactly the bytes an LMS
/// imports, every student found by the identifiers the students file gives, nothing guessed.
/// </summary>
[NonParallelizable]
public sealed class GradebookTests
{
    private string _dir = string.Empty;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("kata-gradebook-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_small_class_becomes_canvas_gradebook_import_rows_byte_for_byte()
    {
        WriteClass();
        string students = Students(
            "submission,Student,ID,SIS User ID,SIS Login ID,Section",
            "ada,\"Lovelace, Ada\",101,S001,alovelace,CS 101-01",
            "alan,\"Turing, Alan\",102,S002,aturing,CS 101-01",
            "zed,\"Zuse, Konrad\",103,S003,kzuse,CS 101-02",
            "mallory,\"=HYPERLINK(\"\"http://evil\"\")\",104,S004,mallory,CS 101-02");

        GradebookRequest request = Request("canvas", students, "Neural net (4711)");
        ReportCommand.Run(_dir, null, request).ShouldBe(0);

        File.ReadAllText(Path.Combine(_dir, "gradebook-canvas.csv")).ShouldBe(
            "Student,ID,SIS User ID,SIS Login ID,Section,Neural net (4711)\n"
            + "    Points Possible,,,,,100\n"
            + "\"Lovelace, Ada\",101,S001,alovelace,CS 101-01,90\n"
            + "\"Turing, Alan\",102,S002,aturing,CS 101-01,45\n"
            + "\"'=HYPERLINK(\"\"http://evil\"\")\",104,S004,mallory,CS 101-02,20\n"
            + "\"Zuse, Konrad\",103,S003,kzuse,CS 101-02,\n");
    }

    [Test]
    public void Moodle_gets_its_user_fields_and_a_submission_missing_from_the_students_file_is_named()
    {
        WriteClass();
        string students = Students("\uFEFFSubmission,Email,SIS User ID", "ada,ada@example.edu,S001", "alan,alan@example.edu,S002");

        var outcomes = ClassReport.Read(_dir, null);
        string csv = GradebookExport.Csv(GradebookFormat.Moodle, outcomes, StudentsFile.Read(students), "Kata", out IReadOnlyList<string> unmatched);

        csv.ShouldBe("Email address,ID number,Kata\nada@example.edu,S001,90\nalan@example.edu,S002,45\n");
        unmatched.ShouldBe(["mallory", "zed"], "they are not in the students file, so they are left out and named");
    }

    [Test]
    public void A_students_file_without_a_submission_column_or_an_identifier_is_refused_with_a_sentence()
    {
        GradebookRequest.From("canvas", Students("Student,ID", "\"Lovelace, Ada\",101"), null, out string? noSubmission).ShouldBeNull();
        noSubmission!.ShouldContain("none is \"submission\"");
        GradebookRequest.From("canvas", Students("submission,Student", "ada,\"Lovelace, Ada\""), null, out string? noIdentifier).ShouldBeNull();
        noIdentifier!.ShouldContain("no column identifies a student");
        GradebookRequest.From("blackboard", Students("submission,ID", "ada,1"), null, out string? format).ShouldBeNull();
        format.ShouldBe("--format blackboard: the gradebooks are canvas and moodle.");
        GradebookRequest.From("canvas", null, null, out string? missing).ShouldBeNull();
        missing!.ShouldContain("needs --students FILE");
    }

    // Ada completed checkpoints 1–5 (90, and 10 to confirm that are not in the gradebook), Alan two checkpoints and half of the third (45), Mallory
    // one (20); Zed's clone failed (no grade: an empty cell, which Canvas leaves as it was).
    private void WriteClass()
    {
        SampleClass.Write(_dir, "ada", SampleClass.Grade("ada", 5, 0.9712));
        SampleClass.Write(_dir, "alan", SampleClass.Grade("alan", 2, null, new FailedTest("Forward_applies_the_activation_to_every_layer", "cell [0, 1] was 0.73")));
        SampleClass.Write(_dir, "mallory", SampleClass.Grade("mallory", 1, null));
        Directory.CreateDirectory(Path.Combine(_dir, "zed"));
        File.WriteAllText(Path.Combine(_dir, "zed", ClassReport.ErrorFile), "could not clone school/kata-zed\n");
    }

    private string Students(params string[] lines)
    {
        string path = Path.Combine(_dir, $"students-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
        return path;
    }

    private static GradebookRequest Request(string format, string students, string assignment) =>
        GradebookRequest.From(format, students, assignment, out string? error) ?? throw new AssertionException(error ?? "no request");
}
