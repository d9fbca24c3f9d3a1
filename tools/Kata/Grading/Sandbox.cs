using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kata.Cli.Grading;

/// <summary>
/// Where a submission's tests run: bubblewrap (Linux) with two layers. The outer layer runs
/// <c>dotnet test</c> — the kata's own code, vstest.console and the kata logger — with the real file
/// system but a network namespace of its own (loopback only). The test host, where the learner's code
/// runs, is started through <see cref="HostScript"/> (VSTest's DotNetHostPath) inside an inner layer: its
/// own user, PID, IPC and UTS namespaces, no network but that loopback, a read-only view of the system,
/// the .NET runtime and the built workspace, the sealed MNIST files, a small private /tmp, a clean
/// environment and resource limits. It cannot see the grader's files, other submissions, the output
/// folder, the instructor's home or any other process, and everything it starts ends with it.
/// </summary>
public sealed class Sandbox
{
    /// <summary>Where the sealed MNIST files appear inside the sandbox.</summary>
    public const string MnistInside = "/kata-mnist";

    /// <summary>Where the grader's run list appears inside the sandbox (read-only).</summary>
    public const string RunInside = "/kata-run";

    /// <summary>Limits of the test host and of everything it starts (bash ulimit: KiB for -v and -f).</summary>
    public static readonly IReadOnlyList<(string Flag, long Value, string Meaning)> Limits =
    [
        ("-v", 6L << 20, "6 GiB of address space per process"),
        ("-u", 256, "256 processes and threads"),
        ("-f", 256L << 10, "files of at most 256 MiB"),
        ("-t", 3600, "an hour of CPU time per process"),
        ("-n", 1024, "1,024 open files"),
    ];

    /// <summary>The size of the private /tmp.</summary>
    public const long TmpBytes = 512L << 20;

    private Sandbox(string bwrap, string? setpriv)
    {
        Bwrap = bwrap;
        Setpriv = setpriv;
    }

    /// <summary>The user and group the test host runs as when the grader is root.</summary>
    public const int NobodyId = 65534;

    /// <summary>The bubblewrap executable.</summary>
    public string Bwrap { get; }

    /// <summary>util-linux's setpriv, which drops root before the sandbox starts (only when the grader is root).</summary>
    public string? Setpriv { get; }

    /// <summary>
    /// True when the grader runs as root: the sandbox then starts as nobody, and everything it is shown
    /// must be readable by nobody through paths nobody else can guess (see <see cref="PreparePrivateFolder"/>).
    /// </summary>
    public bool AsRoot => Setpriv is not null;

    /// <summary>
    /// Makes the grader's private folder passable (not readable) by the sandbox's user when the grader is
    /// root: the folders below it get random names, so no other user can find them.
    /// </summary>
    public void PreparePrivateFolder(string privateDir)
    {
        if (AsRoot && OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(privateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>
    /// The sandbox of this machine, or null with the reason in <paramref name="why"/>: not Linux, no
    /// bubblewrap, or bubblewrap cannot create namespaces here (some containers forbid it).
    /// </summary>
    public static Sandbox? Detect(out string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            why = "grading in a sandbox needs Linux with bubblewrap (bwrap)";
            return null;
        }

        string? bwrap = FindOnPath("bwrap");
        if (bwrap is null)
        {
            why = "bubblewrap is not installed (Debian/Ubuntu: sudo apt-get install bubblewrap)";
            return null;
        }

        string? setpriv = null;
        if (Environment.IsPrivilegedProcess)
        {
            setpriv = FindOnPath("setpriv");
            if (setpriv is null)
            {
                why = "grading as root needs util-linux's setpriv, to start the sandbox as nobody (Debian/Ubuntu: sudo apt-get install util-linux)";
                return null;
            }
        }

        // The same namespaces the grader uses, one inside the other.
        string nobody = NobodyId.ToString(CultureInfo.InvariantCulture);
        string[] inner = ["--unshare-user", "--unshare-pid", "--unshare-ipc", "--uid", nobody, "--ro-bind", "/", "/", "--proc", "/proc", "--", "true"];
        (int exit, string error) = Probe(bwrap, ["--unshare-net", "--dev-bind", "/", "/", "--die-with-parent", "--",
            .. setpriv is null ? (string[])[bwrap] : [setpriv, $"--reuid={nobody}", $"--regid={nobody}", "--clear-groups", "--", bwrap], .. inner]);
        if (exit != 0)
        {
            why = $"bubblewrap cannot create its namespaces on this machine ({error.Trim()}); on Ubuntu 24.04 run `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`";
            return null;
        }

        why = string.Empty;
        return new Sandbox(bwrap, setpriv);
    }

    /// <summary>
    /// The command that runs <paramref name="command"/> in the outer layer: its own network namespace,
    /// loopback only, which the test host shares. (Not its own PID namespace: the inner bubblewrap needs
    /// a /proc that matches its PIDs, and a fresh /proc here would forbid the inner one. Every process the
    /// learner's code starts lives in the inner PID namespace and ends with the test host.)
    /// </summary>
    public IReadOnlyList<string> Outer(IReadOnlyList<string> command) =>
        [Bwrap, "--unshare-net", "--dev-bind", "/", "/", "--die-with-parent", "--", .. command];

    /// <summary>
    /// Writes the test host's launcher into <paramref name="privateDir"/> (which the sandbox never sees)
    /// and returns its path, for VSTest's DotNetHostPath.
    /// </summary>
    /// <param name="workspace">The built workspace, shown read-only at the same path.</param>
    /// <param name="mnist">The sealed MNIST files.</param>
    /// <param name="runDirectory">A folder of the grader's shown read-only at <see cref="RunInside"/> (the run list).</param>
    /// <param name="environment">The only environment variables the test host gets (plus PATH, HOME and TMPDIR).</param>
    /// <param name="passThrough">Variables the host gets from the launcher's own environment (they change from one run to the next).</param>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public string HostScript(string privateDir, string workspace, IReadOnlyList<SandboxFile> mnist, string runDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> passThrough)
    {
        string dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : FindOnPath("dotnet") ?? "dotnet";
        dotnet = new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet;
        string dotnetRoot = Path.GetDirectoryName(dotnet)!;

        var args = new List<string>
        {
            "--unshare-user", "--uid", "65534", "--gid", "65534", "--disable-userns",
            // The test host is PID 1 of its namespace (--as-pid-1): when it ends, the kernel ends every
            // process in there, detached or not. (bwrap's own init would wait for all of them instead.)
            "--unshare-pid", "--as-pid-1", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "kata-sandbox",
            // No --die-with-parent here: it kills the sandbox when the vstest thread that started it
            // ends, not the process. The outer layer's PID namespace ends everything instead.
            "--new-session", "--cap-drop", "ALL", "--clearenv",
            "--ro-bind", "/usr", "/usr",
        };

        // Merged-/usr systems link /bin, /lib… into /usr; others have real folders.
        foreach (string top in (string[])["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"])
        {
            var info = new DirectoryInfo(top);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, top]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", top, top]);
            }
        }

        // Of /etc only what a program needs to start; the rest may hold the machine's secrets.
        foreach (string file in (string[])["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime", "/etc/nsswitch.conf"])
        {
            if (File.Exists(file))
            {
                args.AddRange(["--ro-bind", file, file]);
            }
        }

        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
        {
            args.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
        }

        // /tmp first: the workspace may live below it, and a later mount covers an earlier one.
        args.AddRange(["--size", TmpBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp"]);
        args.AddRange(["--ro-bind", workspace, workspace, "--proc", "/proc", "--dev", "/dev"]);
        foreach (SandboxFile file in mnist)
        {
            args.AddRange(["--ro-bind", file.Source, $"{MnistInside}/{file.InsideName}"]);
        }

        args.AddRange(["--ro-bind", runDirectory, RunInside]);

        var env = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = "/tmp",
            ["TMPDIR"] = "/tmp",
            ["DOTNET_ROOT"] = dotnetRoot,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach ((string key, string value) in environment)
        {
            env[key] = value;
        }

        foreach ((string key, string value) in env)
        {
            args.AddRange(["--setenv", key, value]);
        }

        var dynamic = new StringBuilder();
        foreach (string name in passThrough)
        {
            dynamic.Append(" --setenv ").Append(Quote(name)).Append(" \"${").Append(name).Append(":-}\"");
        }

        var script = new StringBuilder();
        script.AppendLine("#!/usr/bin/env bash");
        script.AppendLine("# The test host's launcher, written by `kata grade` (VSTest's DotNetHostPath). See Grading/Sandbox.cs.");
        script.AppendLine("args=()");
        script.AppendLine("while [ $# -gt 0 ]; do");
        script.AppendLine("  # The host watches its parent, which it cannot see from its own PID namespace: watch PID 1, the sandbox itself.");
        script.AppendLine("  if [ \"$1\" = --parentprocessid ]; then args+=(\"$1\" 1); shift 2; else args+=(\"$1\"); shift; fi");
        script.AppendLine("done");
        script.AppendLine("ulimit " + string.Join(' ', Limits.Select(l => $"{l.Flag} {l.Value.ToString(CultureInfo.InvariantCulture)}")) + " || exit 97");
        script.Append("exec ");

        // As root, the test host would own its /proc files even when it makes itself non-dumpable (the
        // kernel gives them to root): it runs as nobody instead, so /proc/self/mem stays closed to it.
        if (AsRoot)
        {
            script.Append(Quote(Setpriv!)).Append(" --reuid=").Append(NobodyId).Append(" --regid=").Append(NobodyId).Append(" --clear-groups -- ");
        }

        script.Append(Quote(Bwrap));
        foreach (string arg in args)
        {
            script.Append(' ').Append(Quote(arg));
        }

        script.Append(dynamic);

        // The host's stderr goes to the file the grader names (KATA_HOST_STDERR): the running test is
        // announced there, at once, so a crash can be named. Its size is bounded by ulimit -f.
        script.Append(" -- ").Append(Quote(dotnet)).AppendLine(" \"${args[@]}\" 2>>\"${KATA_HOST_STDERR:-/dev/null}\"");

        string scriptPath = Path.Combine(privateDir, "testhost-sandbox.sh");
        File.WriteAllText(scriptPath, script.ToString());
        File.SetUnixFileMode(scriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return scriptPath;
    }

    /// <summary>
    /// Without a sandbox (a learner's own copy on Linux or macOS): a launcher that sends the test host's
    /// stderr to the file the grader names, as <see cref="HostScript"/> does, and gives the host alone
    /// <paramref name="hostOnly"/> (the test support's startup hook).
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string PlainHostScript(string privateDir, IReadOnlyDictionary<string, string> hostOnly)
    {
        string scriptPath = Path.Combine(privateDir, "testhost.sh");
        string exports = string.Concat(hostOnly.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"export {e.Key}={Quote(e.Value)}\n"));
        File.WriteAllText(scriptPath, "#!/usr/bin/env bash\n# The test host's launcher, written by `kata grade` (no sandbox). See Grading/Sandbox.cs.\n" + exports + "exec dotnet \"$@\" 2>>\"${KATA_HOST_STDERR:-/dev/null}\"\n");
        File.SetUnixFileMode(scriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return scriptPath;
    }

    /// <summary>The limits in words, for the grade and the README.</summary>
    public static string DescribeLimits() =>
        string.Join(", ", Limits.Select(l => l.Meaning)) + $", a private /tmp of {TmpBytes >> 20} MiB";

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static (int ExitCode, string Error) Probe(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "it did not answer within 30 s");
            }

            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return (-1, error.Message);
        }
    }
}
