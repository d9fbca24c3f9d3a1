using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using NeuralNet;

namespace Kata.TestSupport;

/// <summary>
/// Shouldly-style assertions for the learner's <see cref="Matrix"/>: a failure prints the expression,
/// both shapes, both matrices and the first entry that differs, so no debugger is needed.
/// </summary>
public static class MatrixAssertions
{
    /// <summary>
    /// Asserts that <paramref name="actual"/> has the shape of <paramref name="expected"/> and that every
    /// entry is within <paramref name="tolerance"/> of the expected one (NaN never is).
    /// </summary>
    public static void ShouldMatch(
        this Matrix? actual,
        Matrix expected,
        double tolerance,
        string? customMessage = null,
        [CallerArgumentExpression(nameof(actual))] string expression = "")
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null)
        {
            Fail(expression, $"should be the {expected.Shape} matrix\n{expected}\n    but was null", customMessage);
            return;
        }

        if (actual.Rows != expected.Rows || actual.Cols != expected.Cols)
        {
            Fail(expression, $"should have shape {expected.Shape}\n    but has shape {actual.Shape}:\n{actual}", customMessage);
            return;
        }

        for (int r = 0; r < expected.Rows; r++)
        {
            for (int c = 0; c < expected.Cols; c++)
            {
                double want = expected[r, c], got = actual[r, c];
                if (!(Math.Abs(want - got) <= tolerance))
                {
                    Fail(
                        expression,
                        $"should be\n{expected}\n    within {Number(tolerance)} but was\n{actual}\n"
                        + $"    first difference at row {r}, column {c}: expected {Number(want)} but got {Number(got)}",
                        customMessage);
                    return;
                }
            }
        }
    }

    /// <summary>Asserts that <paramref name="actual"/> has exactly the given shape.</summary>
    public static void ShouldHaveShape(
        this Matrix? actual,
        int rows,
        int cols,
        [CallerArgumentExpression(nameof(actual))] string expression = "")
    {
        if (actual is null || actual.Rows != rows || actual.Cols != cols)
        {
            Fail(expression, $"should have shape {rows}x{cols}\n    but {(actual is null ? "was null" : "has shape " + actual.Shape)}", null);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> and asserts that it throws an <see cref="ArgumentException"/> whose
    /// message contains every one of <paramref name="mustMention"/> (the operation and the shapes).
    /// </summary>
    public static void ShouldRejectWith(
        this Action action,
        string[] mustMention,
        string? customMessage = null,
        [CallerArgumentExpression(nameof(action))] string expression = "")
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(mustMention);
        string mention = string.Join(", ", mustMention.Select(m => $"\"{m}\""));
        try
        {
            action();
        }
        catch (ArgumentException error)
        {
            string[] missing = [.. mustMention.Where(m => !error.Message.Contains(m, StringComparison.Ordinal))];
            if (missing.Length > 0)
            {
                Fail(
                    expression,
                    $"should throw an ArgumentException whose message mentions {mention}\n    but the message was\n\"{error.Message}\"\n    which does not mention {string.Join(", ", missing.Select(m => $"\"{m}\""))}",
                    customMessage);
            }

            return;
        }
        catch (Exception other) when (other is not NotImplementedException)
        {
            Fail(
                expression,
                $"should throw an ArgumentException whose message mentions {mention}\n    but threw {other.GetType().Name}: \"{other.Message}\"{ThrownAt(other)}\n"
                + "    Check the shapes first and throw an ArgumentException before touching any entry.",
                customMessage);
            return;
        }

        Fail(expression, $"should throw an ArgumentException whose message mentions {mention}\n    but it returned without throwing", customMessage);
    }

    private static void Fail(string expression, string what, string? customMessage)
    {
        var message = new StringBuilder();
        message.Append(expression).Append('\n').Append("    ").Append(what);
        if (!string.IsNullOrEmpty(customMessage))
        {
            message.Append("\n\nAdditional Info:\n    ").Append(customMessage);
        }

        throw new ShouldAssertException(message.ToString());
    }

    // Where the learner's code threw: their own method, file and line, never the provided Matrix.cs.
    private static string ThrownAt(Exception error) =>
        Kata.Core.Blame.Describe(error.StackTrace, error.Message) is { } site ? "\n    " + site : string.Empty;

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
