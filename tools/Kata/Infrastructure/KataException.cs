namespace Kata.Cli.Infrastructure;

/// <summary>
/// A problem the person at the keyboard can fix. Its message is a sentence that says what to do
/// next; Program.cs prints it (no stack trace) and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class KataException : Exception
{
    public KataException()
    {
    }

    public KataException(string message)
        : base(message)
    {
    }

    public KataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KataException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = ExitCodes.Usage;
}
