namespace Kata.Cli.Infrastructure;

/// <summary>The outcome of a child process: its exit code, and whether it was stopped for running too long.</summary>
public sealed record ProcessResult(int ExitCode, bool TimedOut);
