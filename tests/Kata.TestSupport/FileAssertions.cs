namespace Kata.TestSupport;

/// <summary>Files a test writes (in a folder of its own) and readers that must refuse broken ones with a clear sentence.</summary>
public static class FileAssertions
{
    /// <summary>
    /// A new, empty folder under the temp folder. Its name has no digits, so that the counts in an error
    /// message can be recognised. The caller deletes it.
    /// </summary>
    public static string NewFolder(string prefix)
    {
        string letters = new([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 16)))]);
        string folder = Path.Combine(Path.GetTempPath(), prefix + letters);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Asserts that <paramref name="read"/> throws an <see cref="InvalidDataException"/> whose message names
    /// the file of <paramref name="path"/> (and says <paramref name="mustSay"/>, ignoring case), and returns
    /// the message. A stub's NotImplementedException passes through untouched.
    /// </summary>
    public static string ShouldRejectFile(Action read, string path, string? mustSay = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        string file = Path.GetFileName(path);
        string wanted = $"Reading {file} should throw an InvalidDataException whose message names the file"
            + (mustSay is null ? string.Empty : $" and says \"{mustSay}\"");
        try
        {
            read();
        }
        catch (InvalidDataException error)
        {
            bool namesFile = error.Message.Contains(file, StringComparison.Ordinal);
            bool says = mustSay is null || error.Message.Contains(mustSay, StringComparison.OrdinalIgnoreCase);
            if (!namesFile || !says)
            {
                string order = mustSay == "magic" && error.Message.Contains("truncated", StringComparison.OrdinalIgnoreCase)
                    ? " Check the magic number before the length: read as the other kind, a file's header promises the wrong number of bytes, but its real problem is its kind."
                    : string.Empty;
                Assert.Fail($"{wanted}, but the message was \"{error.Message}\".{order}");
            }

            return error.Message;
        }
        catch (Exception other) when (other is not NotImplementedException)
        {
            Assert.Fail($"{wanted}, but it threw {other.GetType().Name}: \"{other.Message}\".");
        }

        Assert.Fail($"{wanted}, but it returned without complaint.");
        return string.Empty;
    }
}
