namespace Kata.Cli.Infrastructure;

/// <summary>The few git questions the kata asks.</summary>
public static class Git
{
    /// <summary>The first commit of the repository at <paramref name="root"/>, or null without git history.</summary>
    public static string? FirstCommit(string root)
    {
        string log = Path.Combine(Path.GetTempPath(), $"kata-git-{Environment.ProcessId}.log");
        try
        {
            ProcessResult result = ProcessRunner.Run("git", ["rev-list", "--max-parents=0", "HEAD"], root, log, timeout: TimeSpan.FromMinutes(1));
            string[] lines = File.ReadAllLines(log);
            return result.ExitCode == 0 && lines.Length > 0 ? lines[^1].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
        finally
        {
            File.Delete(log);
        }
    }
}
