using System.ComponentModel;
using System.Diagnostics;

namespace Kata.Cli.Infrastructure;

/// <summary>Runs git in the kata's folder and returns what it printed.</summary>
public static class Git
{
    /// <summary>Runs <c>git arguments</c> in <paramref name="root"/>; null when git fails.</summary>
    /// <exception cref="KataException">git is not installed.</exception>
    public static byte[]? Run(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            Task errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            errors.Wait();
            return process.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (Win32Exception error)
        {
            throw new KataException("git is not installed (or not on PATH). Install git, then run the command again.", ExitCodes.Environment, error);
        }
    }

    /// <summary>The lines git printed, or an empty list when it failed.</summary>
    public static IReadOnlyList<string> Lines(string root, params string[] arguments) =>
        Run(root, arguments) is { } output
            ? System.Text.Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
}
