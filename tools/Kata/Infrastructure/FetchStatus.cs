namespace Kata.Cli.Infrastructure;

/// <summary>What happened to one file: it was already there, it was downloaded, or it could not be had.</summary>
public enum FetchStatus
{
    /// <summary>The file was there and matched its published SHA-256; nothing was downloaded.</summary>
    AlreadyThere,

    /// <summary>The file was downloaded from <see cref="FetchOutcome.Mirror"/> and matched its SHA-256.</summary>
    Downloaded,

    /// <summary>No mirror gave a file with the published SHA-256; nothing was written under its name.</summary>
    Failed,
}
