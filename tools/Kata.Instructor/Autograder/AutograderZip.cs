using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Kata.Instructor.Release;

namespace Kata.Instructor.Autograder;

/// <summary>
/// Gradescope's autograder (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a zip with
/// <c>setup.sh</c> and <c>run_autograder</c> at its root, the instructor's kata without the solutions in
/// <c>kata/</c> (hold-outs included: the grader needs them, and the sandbox never shows them to learner
/// code), and the instructor's grade key. run_autograder grades <c>/autograder/submission</c> with
/// <c>./kata autograde</c> and writes <c>/autograder/results/results.json</c>; <c>KATA_AUTOGRADER_ROOT</c>
/// moves that layout elsewhere, for a trial run on the instructor's machine.
/// </summary>
public static class AutograderZip
{
    /// <summary>The zip's name in the folder given.</summary>
    public const string FileName = "autograder.zip";

    // Never needed to grade: the reference, the maintainers' scenarios, tests and tools, CI. (.github/ stays:
    // a learner's copy has the learner workflows, and a grade names any difference from the original.)
    private static readonly string[] Left = ["tests/scenarios/", "tests/Kata.Tools.Tests/", "tools/node/", ".ci/", "bench/"];

    /// <summary>
    /// Writes <paramref name="folder"/>/autograder.zip from the kata at <paramref name="root"/>, with
    /// <paramref name="key"/> as the grade key; returns its path.
    /// </summary>
    public static string Write(string root, string folder, string key, bool sandbox)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        FileRoles roles = FileRoles.Load(root);
        string temp = path + ".tmp";
        using (FileStream file = File.Create(temp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            Add(zip, "setup.sh", Setup, Executable);
            Add(zip, "run_autograder", RunAutograder(sandbox), Executable);
            Add(zip, "grade-key", key + "\n", 0b110_000_000);
            foreach (string relative in ReleaseExport.TrackedFiles(root)
                .Where(f => !roles.IsSolutions(f) && !Left.Any(l => f.StartsWith(l, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal))
            {
                string from = Path.Combine(root, relative);
                ZipArchiveEntry entry = zip.CreateEntryFromFile(from, "kata/" + relative, CompressionLevel.Optimal);
                entry.ExternalAttributes = (int)(OperatingSystem.IsWindows() ? 0b110_100_100 : (int)File.GetUnixFileMode(from)) << 16;
            }
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>A fresh grade key, for an instructor without KATA_GRADE_KEY.</summary>
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private const int Executable = 0b111_101_101;

    private static void Add(ZipArchive zip, string name, string text, int mode)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.ExternalAttributes = mode << 16;
        using Stream stream = entry.Open();
        stream.Write(new UTF8Encoding(false).GetBytes(text));
    }

    private const string Setup = """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu). It installs what
        # the kata's grader needs (bubblewrap and util-linux for the sandbox, git, the .NET SDK global.json
        # names), downloads MNIST (each file checked against its published SHA-256), and builds the kata's tool
        # and its test plan once, so that each submission's run only builds and grades the submission.
        set -euo pipefail
        source_dir="${KATA_AUTOGRADER_ROOT:-/autograder}/source"
        apt-get update
        apt-get install -y --no-install-recommends bubblewrap util-linux git ca-certificates curl libicu-dev
        curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
        bash /tmp/dotnet-install.sh --jsonfile "$source_dir/kata/global.json" --install-dir /usr/local/dotnet
        export PATH="/usr/local/dotnet:$PATH" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
        chmod +x "$source_dir/kata/kata" "$source_dir/run_autograder"
        cd "$source_dir/kata"
        ./kata data
        KATA_GRADE_KEY="$(cat "$source_dir/grade-key")" ./kata autograde --prepare

        """;

    private static string RunAutograder(bool sandbox) => $$"""
        #!/usr/bin/env bash
        # Gradescope runs this for every submission: the kata's grader grades /autograder/submission (in its
        # sandbox{{(sandbox ? string.Empty : "; this autograder was made with --no-sandbox")}}) and writes
        # /autograder/results/results.json in Gradescope's format. KATA_AUTOGRADER_ROOT moves the layout (a trial
        # run on the instructor's machine); MNIST_DIR, when set, is where MNIST is.
        set -uo pipefail
        root="${KATA_AUTOGRADER_ROOT:-/autograder}"
        kata="$root/source/kata"
        mkdir -p "$root/results"
        export PATH="/usr/local/dotnet:$PATH" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
        export MNIST_DIR="${MNIST_DIR:-$kata/data/mnist}"
        KATA_GRADE_KEY="$(cat "$root/source/grade-key")"
        export KATA_GRADE_KEY
        cd "$kata" || exit 3
        ./kata autograde "$root/submission" --gradescope "$root/results/results.json"{{(sandbox ? string.Empty : " --no-sandbox")}}
        status=$?
        if [ ! -s "$root/results/results.json" ]; then
          printf '{"score": 0, "output": "The autograder stopped before it could grade (exit code %s); your instructor can read its log."}\n' "$status" >"$root/results/results.json"
        fi

        """;
}
