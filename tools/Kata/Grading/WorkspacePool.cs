using System.Security.Cryptography;

namespace Kata.Cli.Grading;

/// <summary>
/// The folders grades are built in, kept from one grade to the next and from one grading command to the
/// next: a grade takes a folder no grade is using, <see cref="Workspace.Create"/> makes its sources exactly
/// the submission's (every file it writes gets a fresh time stamp, every other file is deleted), and
/// MSBuild's incremental build then compiles only what differs from the previous grade in that folder
/// instead of the whole kata. A class graded two at a time uses two folders; a regrade after a fixed test,
/// the next class or verify's next scenario finds them built. Build output is the only thing a folder
/// keeps, and only the grader writes it: learner code runs in a sandbox that sees its own folder read-only
/// and no other.
/// </summary>
/// <remarks>
/// The folders live in one private folder of the system's temp folder (made by
/// <see cref="Directory.CreateTempSubdirectory"/>: a name nobody can guess, readable by its owner only), whose
/// path the kata's cache keeps in <see cref="PointerFile"/>. Each folder has a lock file beside it, held
/// while a grade uses it, so that grading commands running at once never share one; the system releases
/// the lock of a command that dies.
/// </remarks>
public sealed class WorkspacePool : IDisposable
{
    /// <summary>The file of the kata's cache that names the pool's folder.</summary>
    public const string PointerFile = "workspaces.path";

    private readonly Sandbox? _sandbox;
    private readonly string _cacheDirectory;
    private readonly Lock _gate = new();
    private readonly List<FileStream> _held = [];
    private string? _root;

    /// <param name="sandbox">The session's sandbox, which must be able to pass through the pool's folder.</param>
    /// <param name="cacheDirectory">The kata's cache (artifacts/cache), where the pool's folder is named.</param>
    public WorkspacePool(Sandbox? sandbox, string cacheDirectory)
    {
        _sandbox = sandbox;
        _cacheDirectory = cacheDirectory;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>A folder for one grade; give it back with <see cref="Lease.Return"/>.</summary>
    public Lease Take()
    {
        lock (_gate)
        {
            string root = Root();
            foreach (string folder in Directory.EnumerateDirectories(root, "work-*").Order(StringComparer.Ordinal))
            {
                if (TryLock(folder) is { } held)
                {
                    return new Lease(this, folder, held);
                }
            }

            // A name nobody can guess: when the grader is root, the sandbox's user may pass through the
            // pool's folder but not list it.
            string fresh = Path.Combine(root, $"work-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}");
            FileStream mine = TryLock(fresh) ?? throw new IOException($"Could not lock the new build folder {fresh}.");
            return new Lease(this, fresh, mine);
        }
    }

    /// <summary>Lets go of every folder this pool still holds; the folders stay for the next command.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (FileStream held in _held)
            {
                held.Dispose();
            }

            _held.Clear();
        }
    }

    // The pool's folder: the one the cache names while it exists (a reboot empties the temp folder),
    // else a new one.
    private string Root()
    {
        if (_root is not null)
        {
            return _root;
        }

        string pointer = Path.Combine(_cacheDirectory, PointerFile);
        string? named = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
        if (named is null || !Directory.Exists(named) || !Path.GetFileName(named).StartsWith("kata-workspaces-", StringComparison.Ordinal))
        {
            named = Directory.CreateTempSubdirectory("kata-workspaces-").FullName;
            Directory.CreateDirectory(_cacheDirectory);
            string next = pointer + $".{Environment.ProcessId}.tmp";
            File.WriteAllText(next, named);
            File.Move(next, pointer, overwrite: true);
        }

        _sandbox?.PreparePrivateFolder(named);
        return _root = named;
    }

    // The folder's lock, when no other grade holds it.
    private FileStream? TryLock(string folder)
    {
        try
        {
            var held = new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _held.Add(held);
            return held;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Give(string folder, FileStream held, bool reusable)
    {
        if (!reusable)
        {
            TryDelete(folder); // a grade that failed half-way: the next one starts from nothing
        }

        lock (_gate)
        {
            _held.Remove(held);
            held.Dispose();
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
    public sealed class Lease(WorkspacePool pool, string path, FileStream held)
    {
        private bool _returned;

        /// <summary>The folder (it may hold an earlier grade's build output).</summary>
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
                pool.Give(Path, held, reusable);
            }
        }
    }
}
