using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Kata.Core;

/// <summary>
/// Finds the line to blame in a stack trace: the first frame in the learner's own code, skipping the
/// .NET library and the files the kata provides (those whose first line is <c>// PROVIDED</c>, such as
/// Matrix.cs), so that an index error inside the learner's MatMul names MatMul and not the Matrix
/// indexer it went through. Used by the kata logger and by the test support's assertions.
/// </summary>
public static partial class Blame
{
    private static readonly string[] LearnerFolders = ["/exercises/", "/solutions/"];
    private static readonly ConcurrentDictionary<string, bool> ProvidedFiles = new(StringComparer.Ordinal);

    /// <summary>
    /// One line saying where a failure happened, e.g. <c>your code: LinearAlgebra.MatMul in
    /// exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 42</c>, or <c>test: …</c> when no
    /// learner frame is on the stack, or null. When the learner's code reached a provided file that
    /// rejected an index (the Matrix indexer), the line also says which index and which shape, taken
    /// from <paramref name="message"/>.
    /// </summary>
    public static string? Describe(string? stackTrace, string? message = null)
    {
        if (string.IsNullOrWhiteSpace(stackTrace))
        {
            return null;
        }

        Frame[] frames = [.. stackTrace.Split('\n').Select(Frame.Parse).OfType<Frame>()];
        int learner = Array.FindIndex(frames, f => f.IsLearner && !IsProvided(f.File));
        if (learner >= 0)
        {
            bool throughProvided = frames.Take(learner).Any(f => f.IsLearner);
            string index = throughProvided && IndexOutside().Match(message ?? string.Empty) is { Success: true } m
                ? $" — it asked for entry ({m.Groups["row"].Value}, {m.Groups["col"].Value}) of a {m.Groups["shape"].Value} matrix"
                : string.Empty;
            return $"your code: {frames[learner]}{index}";
        }

        Frame? test = frames.FirstOrDefault(f => f.Path.Contains("/tests/", StringComparison.Ordinal)
            && !f.Path.Contains("/Kata.TestSupport/", StringComparison.Ordinal));
        return test is null ? null : $"test: {test}";
    }

    /// <summary>True for a file the kata provides: its first line starts with <c>// PROVIDED</c>.</summary>
    public static bool IsProvided(string path) => ProvidedFiles.GetOrAdd(path, static p =>
    {
        try
        {
            return File.Exists(p) && File.ReadLines(p).FirstOrDefault()?.StartsWith("// PROVIDED", StringComparison.Ordinal) == true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    // The Matrix indexer's message: "Matrix: entry (2, 3) is outside a 2x3 matrix; …".
    [GeneratedRegex(@"entry \((?<row>-?\d+), (?<col>-?\d+)\) is outside a (?<shape>\d+x\d+) matrix")]
    private static partial Regex IndexOutside();

    // "<Apply>b__2_0" (a lambda) or "<Backward>g__Local|0_1" (a local function): the method around it.
    [GeneratedRegex(@"^<(?<method>[^>]+)>")]
    private static partial Regex Compiled();

    /// <summary>One "at Type.Method(…) in /path/File.cs:line N" frame.</summary>
    private sealed record Frame(string Method, string File, string Path, string Line)
    {
        public bool IsLearner => LearnerFolders.Any(d => Path.Contains(d, StringComparison.Ordinal));

        // Frames without a file (the .NET library, compiled without source lines) are skipped here.
        public static Frame? Parse(string raw)
        {
            string frame = raw.Trim();
            int inAt = frame.LastIndexOf(" in ", StringComparison.Ordinal);
            int lineAt = frame.LastIndexOf(":line ", StringComparison.Ordinal);
            if (!frame.StartsWith("at ", StringComparison.Ordinal) || inAt < 0 || lineAt < inAt)
            {
                return null;
            }

            string file = frame[(inAt + 4)..lineAt];
            return new Frame(ShortMethod(frame[3..inAt]), file, file.Replace('\\', '/'), frame[(lineAt + 6)..]);
        }

        // "NeuralNet.LinearAlgebra.MatMul(Matrix a, Matrix b)" → "LinearAlgebra.MatMul";
        // "NeuralNet.Activations.<>c.<Apply>b__2_0(Double v)" → "Activations.Apply".
        private static string ShortMethod(string method)
        {
            int paren = method.IndexOf('(', StringComparison.Ordinal);
            string[] parts = (paren > 0 ? method[..paren] : method).Split('.');
            var named = new List<string>();
            foreach (string part in parts)
            {
                if (part.StartsWith('<'))
                {
                    if (Compiled().Match(part) is { Success: true } inner)
                    {
                        named.Add(inner.Groups["method"].Value);
                    }
                }
                else
                {
                    named.Add(part);
                }
            }

            return named.Count >= 2 ? $"{named[^2]}.{named[^1]}" : string.Join('.', named);
        }

        // "LinearAlgebra.MatMul in exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs:line 42".
        public override string ToString()
        {
            string location = Path;
            foreach (string marker in (string[])["/exercises/", "/solutions/", "/tests/"])
            {
                int at = location.LastIndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    location = location[(at + 1)..];
                    break;
                }
            }

            return $"{Method} in {location}:line {Line}";
        }
    }
}
