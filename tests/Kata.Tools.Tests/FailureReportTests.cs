extern alias logger;

using logger::Kata.TestLogger;
using TestRecord = logger::Kata.Core.TestRecord;

namespace Kata.Tools.Tests;

/// <summary>The kata logger's short form: every real failure, the stub to write first, one line per method to write.</summary>
public sealed class FailureReportTests
{
    private static readonly IReadOnlyList<string> Sources =
        ["public static double Dot(double[] a) { }\npublic static Matrix MatMul(Matrix a) { }\npublic static Matrix Transpose(Matrix a) { }"];

    [Test]
    public void A_fresh_start_shows_the_first_stub_in_full_and_one_line_per_method_to_write()
    {
        TestRecord[] failures =
        [
            Stub("MatMul_of_two_matrices", "MatMul"), Stub("Transpose_of_a_row", "Transpose"),
            Stub("Each_entry_is_a_dot_product", "Dot"), Stub("Dot_of_two_vectors", "Dot"), Stub("MatMul_of_vectors", "MatMul"),
        ];

        List<string> lines = FailureReport.ShortForm(failures, _ => Sources);

        lines.ShouldBe(
        [
            "  ✗ Dot_of_two_vectors",
            "      Not implemented yet. Checkpoint 1: implement LinearAlgebra.Dot — do it (checkpoints.md#1-linear-algebra).",
            "  Still to write, in this order (5 tests wait for these 3 methods):",
            "    · LinearAlgebra.Dot (2 tests)",
            "    · LinearAlgebra.MatMul (2 tests)",
            "    · LinearAlgebra.Transpose (1 test)",
            "  Every failure in full: dotnet test --logger \"kata;failures=all\"",
        ]);
    }

    [Test]
    public void Every_failure_that_is_not_a_stub_is_shown_the_first_ones_in_full()
    {
        TestRecord[] failures =
        [
            .. Enumerable.Range(1, FailureReport.FullFailures + 1).Select(i => Failure($"Wrong_{i}", $"expression\n    should be {i} but was 0")),
            Failure($"Wrong_{FailureReport.FullFailures + 2}", "words\n    should be at least\n80\n    but was\n0\n\nAdditional Info:\n    section 4 needs 80 words"),
            Stub("Transpose_of_a_row", "Transpose"),
        ];

        List<string> lines = FailureReport.ShortForm(failures, _ => Sources);

        for (int i = 1; i <= FailureReport.FullFailures; i++)
        {
            lines.ShouldContain($"  ✗ Wrong_{i}");
            lines.ShouldContain($"          should be {i} but was 0");
        }

        lines.ShouldContain($"  ✗ Wrong_{FailureReport.FullFailures + 1} — expression should be {FailureReport.FullFailures + 1} but was 0");
        lines.ShouldContain($"  ✗ Wrong_{FailureReport.FullFailures + 2} — section 4 needs 80 words (should be at least 80, was 0)");
        lines.ShouldContain("  ✗ Transpose_of_a_row");
    }

    [Test]
    public void A_failure_shown_in_one_line_says_what_was_expected_and_what_came_back()
    {
        TestRecord[] failures =
        [
            .. Enumerable.Range(1, FailureReport.FullFailures).Select(i => Failure($"Wrong_{i}", $"expression\n    should be {i} but was 0")),
            Failure("Dot_of_vectors_of_length_one_is_the_product", "LinearAlgebra.Dot([-3], [7])\n    should be within\n1E-12d\n    of\n-21d\n    but was\n0d"),
        ];

        List<string> lines = FailureReport.ShortForm(failures, _ => Sources);

        lines.ShouldContain("  ✗ Dot_of_vectors_of_length_one_is_the_product — LinearAlgebra.Dot([-3], [7]) should be within 1E-12d of -21d but was 0d");
    }

    [Test]
    public void The_tally_adds_up_to_dotnets_total_naming_the_rules()
    {
        TestRecord[] records =
        [
            .. Enumerable.Range(0, 3).Select(i => Stub($"Dot_{i}", "Dot")),
            new TestRecord("Rule", "Kata.Tests.Rules.Rule", "Passed", null, "Rules", null, 0),
            new TestRecord("Gradient", "Kata.Tests.Checkpoint02.Gradient", "Passed", 2, null, null, 0),
            new TestRecord("Hidden", "Kata.Tests.Checkpoint03.Hidden", "Skipped", 3, null, null, 0),
            new TestRecord("HoldOut", "Kata.Tests.Checkpoint01.HoldOut.Case", "Passed", 1, "HoldOut", null, 0),
        ];

        FailureReport.Tally(records).ShouldBe("Ran 6 tests: 3 of checkpoint 1, 1 of checkpoint 2, 1 hold-out and the kata's 1 rule (all pass).");
    }

    private static TestRecord Stub(string name, string method) => new(
        name, "Kata.Tests.Checkpoint01." + name, "Failed", 1, null,
        $"Not implemented yet. Checkpoint 1: implement LinearAlgebra.{method} — do it (checkpoints.md#1-linear-algebra).", 0);

    private static TestRecord Failure(string name, string message) => new(name, "Kata.Tests.Checkpoint01." + name, "Failed", 1, null, message, 0);
}
