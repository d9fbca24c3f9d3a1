using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kata.Cli.Grading;

/// <summary>
/// The folders grades are built in, kept from one grade to the next within a grading session: a grade
/// takes a folder nobody is using, <see cref="Workspace.Create"/> makes its sources exactly the
/// submission's (every file it writes gets a fresh time stamp, every other file is deleted), and MSBuild's
/// incremental build then compiles only what differs from the previous grade in that folder instead of the
/// whole kata. A class graded two at a time uses two folders. Build output is the only thing a folder
/// keeps, and only the grader writes it: learner code runs in a sandbox that sees the folder read-only.
/// </summary>
public sealed class WorkspacePool : IDisposable
{
    private readonly Sandbox? _sandbox;
    private readonly ConcurrentBag<string> _free = [];
    private readonly Lock _gate = new();
    private string? _root;

    /// <param name="sandbox">The session's sandbox, which must be able to pass through the pool's folder.</param>
    public WorkspacePool(Sandbox? sandbox)
    {
        _sandbox = sandbox;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>A folder for one grade; give it back with <see cref="Lease.Return"/>.</summary>
    public Lease Take()
    {
        if (_free.TryTake(out string? folder))
        {
            return new Lease(this, folder);
        }

        lock (_gate)
        {
            if (_root is null)
            {
                _root = Directory.CreateTempSubdirectory("kata-workspaces-").FullName;
                _sandbox?.PreparePrivateFolder(_root);
            }

            // A name nobody can guess: when the grader is root, the sandbox's user may pass through the
            // pool's folder but not list it.
            return new Lease(this, Path.Combine(_root, $"work-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}"));
        }
    }

    /// <summary>Deletes every folder of the pool (at the end of the session, or when the process exits).</summary>
    public void Dispose()
    {
        string? root;
        lock (_gate)
        {
            root = _root;
            _root = null;
        }

        if (root is not null && Environment.GetEnvironmentVariable("KATA_GRADE_KEEP") is not "1")
        {
            TryDelete(root);
        }
    }

    private void Give(string folder, bool reusable)
    {
        if (reusable)
        {
            _free.Add(folder);
        }
        else if (Environment.GetEnvironmentVariable("KATA_GRADE_KEEP") is not "1")
        {
            TryDelete(folder); // a grade that failed half-way: the next one starts from nothing
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A file still held by a process that is ending; the system's temp cleaner takes it.
        }
    }

    /// <summary>One grade's use of a folder of the pool.</summary>
    public sealed class Lease(WorkspacePool pool, string path)
    {
        private bool _returned;

        /// <summary>The folder (it may hold the previous grade's build output).</summary>
        public string Path { get; } = path;

        /// <summary>
        /// Gives the folder back: for the next grade when <paramref name="reusable"/> (the grade ran to its
        /// end), else deleted.
        /// </summary>
        public void Return(bool reusable)
        {
            if (!_returned)
            {
                _returned = true;
                pool.Give(Path, reusable);
            }
        }
    }
}
