namespace Kata.Cli.Learner;

/// <summary>One stub file as the kata shipped it.</summary>
/// <param name="Path">Relative to the root, with forward slashes: "exercises/Checkpoint01.LinearAlgebra/LinearAlgebra.cs".</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Commit">The commit it comes from.</param>
public sealed record PristineFile(string Path, byte[] Content, string Commit);
