namespace Kata.Cli.Infrastructure;

/// <summary>One file's outcome, with every failed attempt ("mirror: reason") in the order tried.</summary>
public sealed record FetchOutcome(MnistFile File, FetchStatus Status, string? Mirror, IReadOnlyList<string> FailedAttempts, string? Replaced);
