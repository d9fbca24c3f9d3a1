namespace Kata.Core;

/// <summary>
/// One of the four original MNIST files, with the published size and SHA-256 digest of its gzipped
/// form (what the mirrors serve) and of its uncompressed form (what <c>gunzip</c> gives).
/// </summary>
public sealed record MnistFile(string Name, long Bytes, string Sha256, long RawBytes, string RawSha256)
{
    /// <summary>The uncompressed file's name: the gzipped name without ".gz".</summary>
    public string RawName => Name[..^".gz".Length];
}
