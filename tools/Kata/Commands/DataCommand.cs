using System.CommandLine;
using Kata.Cli.Infrastructure;

namespace Kata.Cli.Commands;

/// <summary>
/// `kata data` — gets the four MNIST files checkpoint 4 trains on: downloads what is missing or
/// damaged from public mirrors (several, in order), keeps only files with the published SHA-256, and
/// says what happened to each. The folder is $MNIST_DIR when it is set, else data/mnist (git-ignored).
/// Tests never download; they read the same folder.
/// </summary>
public static class DataCommand
{
    public static Command Create()
    {
        var dir = new Option<string?>("--dir") { Description = $"Folder for the files (default: ${MnistData.DirectoryVariable} when set, else data/mnist)." };
        var mirrors = new Option<string[]>("--mirror")
        {
            Description = "A mirror to try (an http(s):// or file:// folder URL); repeat to try several in order. Default: the public mirrors.",
            AllowMultipleArgumentsPerToken = false,
        };
        var check = new Option<bool>("--check") { Description = "Only check the files that are there; download nothing (works offline)." };
        var command = new Command("data", "Download MNIST for checkpoint 4 (or check it), verifying every file's SHA-256.")
        {
            dir,
            mirrors,
            check,
        };
        command.SetAction((parse, cancel) => RunAsync(parse.GetValue(dir), parse.GetValue(mirrors), parse.GetValue(check), Console.Out, cancel));
        return command;
    }

    /// <summary>Runs the command; returns the exit code (0 when all four files are in place).</summary>
    public static async Task<int> RunAsync(string? dir, string[]? mirrors, bool checkOnly, TextWriter output, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        string directory = dir is null ? MnistData.DataDirectory : Path.GetFullPath(dir);
        string where = dir is null && MnistData.DirectoryFromEnvironment() is not null ? $"{directory} (from ${MnistData.DirectoryVariable})" : directory;

        if (checkOnly)
        {
            try
            {
                MnistData.Locate(dir is null ? null : directory);
                output.WriteLine($"MNIST is complete in {where}: all four files match their published SHA-256.");
                return 0;
            }
            catch (MnistDataException error)
            {
                output.WriteLine(error.Message);
                return 1;
            }
        }

        IReadOnlyList<string> tryMirrors = mirrors is { Length: > 0 } ? mirrors : MnistDownloader.DefaultMirrors;
        output.WriteLine($"MNIST into {where}, trying {tryMirrors.Count} mirror{(tryMirrors.Count == 1 ? string.Empty : "s")} in order:");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var downloader = new MnistDownloader(http);
        int failed = 0;
        foreach (MnistFile file in MnistData.Files)
        {
            FetchOutcome outcome = await downloader.FetchAsync(directory, file, tryMirrors, cancel).ConfigureAwait(false);
            if (outcome.Replaced is { } problem)
            {
                output.WriteLine($"  ! {problem} Downloading it again.");
            }

            foreach (string attempt in outcome.FailedAttempts)
            {
                output.WriteLine($"  ✗ {attempt}");
            }

            switch (outcome.Status)
            {
                case FetchStatus.AlreadyThere:
                    output.WriteLine($"  ✓ {file.Name}: already there, SHA-256 matches.");
                    break;
                case FetchStatus.Downloaded:
                    output.WriteLine($"  ✓ {file.Name}: downloaded from {outcome.Mirror} ({file.Bytes:N0} bytes), SHA-256 matches.");
                    break;
                default:
                    failed++;
                    output.WriteLine($"  ✗ {file.Name}: no mirror gave the published file; nothing was written under its name.");
                    break;
            }
        }

        if (failed > 0)
        {
            output.WriteLine(
                $"Could not get {failed} of {MnistData.Files.Count} files. Check your connection and run `{MnistData.GetCommand}` again, "
                + $"try another mirror with --mirror URL, or put the four files in a folder by hand and set {MnistData.DirectoryVariable} to it.");
            return 1;
        }

        output.WriteLine(directory == MnistData.DataDirectory
            ? $"MNIST is ready in {where}: `dotnet test --filter Checkpoint=4` and `./kata train` read it from there."
            : $"MNIST is ready in {where}. Set {MnistData.DirectoryVariable}={directory} so that the tests and `./kata train` read it from there.");
        return 0;
    }
}
