using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Kata.Core;

/// <summary>
/// Finds the line to blame in a stack trace: the first frame in the learner's own code, skipping the
/// .NET library and the files the kata provides (those whose first line is <c>// PROVIDED</c>, such as
/// Matrix.cs), so that an index error inside the learner's MatMul names MatMul and not the Matrix
/// indexer it went through. One exception: when a method of an earlier, finished checkpoint (checkpoint
/// 1's MatMul) refuses its arguments with an ArgumentException of its own, the fault is its caller's, so
/// the line names the caller in the checkpoint being tested (checkpoint 11's Attention.cs). Used by the
/// kata logger and by the test support's assertions.
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
    /// from <paramref name="message"/>. When <paramref name="message"/> (as NUnit reports it,
    /// <c>System.ArgumentException : …</c>) is an ArgumentException thrown by a learner method of another
    /// checkpoint than the test's (<paramref name="checkpoint"/>, else the checkpoint folder of the test's
    /// own frame), the line names the learner's frame in the test's checkpoint that passed the arguments.
    /// </summary>
    public static string? Describe(string? stackTrace, string? message = null, int? checkpoint = null)
    {
        if (string.IsNullOrWhiteSpace(stackTrace))
        {
            return null;
        }

        Frame[] frames = [.. stackTrace.Split('\n').Select(Frame.Parse).OfType<Frame>()];
        int learner = Array.FindIndex(frames, f => f.IsLearner && !f.IsProvided);
        if (learner >= 0)
        {
            if (CallerToBlame(frames, learner, message, checkpoint) is { } caller)
            {
                Frame thrower = frames[learner];
                return $"your code: {frames[caller]} — it passed arguments that {thrower.Method} (checkpoint {thrower.Checkpoint}) refuses";
            }

            bool throughProvided = frames.Take(learner).Any(f => f.IsLearner);
            string index = throughProvided && IndexOutside().Match(message ?? string.Empty) is { Success: true } m
                ? $" — it asked for entry ({m.Groups["row"].Value}, {m.Groups["col"].Value}) of a {m.Groups["shape"].Value} matrix"
                : string.Empty;
            return $"your code: {frames[learner]}{index}";
        }

        Frame? test = frames.FirstOrDefault(f => f.IsTest);
        return test is null ? null : $"test: {test}";
    }

    // The caller's frame when frames[thrower] refused its arguments on its own (it threw the
    // ArgumentException: it is the first frame of the trace, or only the library's throw helpers and its
    // own checkpoint's code are above it) and belongs to another checkpoint than the test: the first
    // learner frame below it in the test's checkpoint. A library method that threw one (a List index)
    // was misused by the learner's method itself, and an error of another kind (an index out of range)
    // is the method's own: those stay where they are.
    private static int? CallerToBlame(Frame[] frames, int thrower, string? message, int? checkpoint)
    {
        int? tested = checkpoint ?? frames.FirstOrDefault(f => f.IsTest)?.Checkpoint;
        Frame refusing = frames[thrower];
        if (tested is null || refusing.Checkpoint is not { } own || own == tested
            || !ArgumentError().IsMatch(message ?? string.Empty)
            || !frames.Take(thrower).All(f => f.IsThrowHelper || (f.IsLearner && f.Checkpoint == own)))
        {
            return null;
        }

        int caller = Array.FindIndex(frames, thrower + 1, f => f.IsLearner && !f.IsProvided && f.Checkpoint == tested);
        return caller >= 0 ? caller : null;
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

    // How NUnit reports an ArgumentException (or one derived from it) a test did not catch.
    [GeneratedRegex(@"^System\.Argument(OutOfRange|Null)?Exception : ")]
    private static partial Regex ArgumentError();

    // "Checkpoint11.Attention": the checkpoint folder of a learner's or a test's file.
    [GeneratedRegex(@"/Checkpoint(?<n>\d+)\.[^/]+/")]
    private static partial Regex CheckpointFolder();

    // "<Apply>b__2_0" (a lambda) or "<Backward>g__Local|0_1" (a local function): the method around it.
    [GeneratedRegex(@"^<(?<method>[^>]+)>")]
    private static partial Regex Compiled();

    /// <summary>
    /// One "at Type.Method(…) in /path/File.cs:line N" frame, or "at Type.Method(…)" (the .NET library,
    /// compiled without source lines: <see cref="File"/> is empty).
    /// </summary>
    private sealed record Frame(string Method, string FullMethod, string File, string Path, string Line)
    {
        public bool IsLearner => LearnerFolders.Any(d => Path.Contains(d, StringComparison.Ordinal));

        public bool IsProvided => IsLearner && Blame.IsProvided(File);

        public bool IsTest => Path.Contains("/tests/", StringComparison.Ordinal)
            && !Path.Contains("/Kata.TestSupport/", StringComparison.Ordinal);

        // ArgumentOutOfRangeException.ThrowIfNegative and its kin: the frame that called it threw.
        public bool IsThrowHelper => File.Length == 0
            && FullMethod.StartsWith("System.Argument", StringComparison.Ordinal)
            && FullMethod.Contains("Exception.Throw", StringComparison.Ordinal);

        public int? Checkpoint => CheckpointFolder().Match(Path) is { Success: true } m
            && int.TryParse(m.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : null;

        public static Frame? Parse(string raw)
        {
            string frame = raw.Trim();
            if (!frame.StartsWith("at ", StringComparison.Ordinal))
            {
                return null;
            }

            int inAt = frame.LastIndexOf(" in ", StringComparison.Ordinal);
            int lineAt = frame.LastIndexOf(":line ", StringComparison.Ordinal);
            if (inAt < 0 || lineAt < inAt)
            {
                string method = frame[3..];
                return new Frame(ShortMethod(method), method, string.Empty, string.Empty, string.Empty);
            }

            string file = frame[(inAt + 4)..lineAt];
            return new Frame(ShortMethod(frame[3..inAt]), frame[3..inAt], file, file.Replace('\\', '/'), frame[(lineAt + 6)..]);
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
