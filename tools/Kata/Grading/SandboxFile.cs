namespace Kata.Cli.Grading;

/// <summary>One file the sandbox shows read-only at <see cref="InsideName"/> in its MNIST folder.</summary>
public sealed record SandboxFile(string Source, string InsideName);
